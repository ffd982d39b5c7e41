using Harness.Core.Randomness;
using Harness.Sim.Env;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// geom_colour: the geoms' colour turned around the hue circle by the value (degrees; the
/// saturation and brightness stay). The colour a geom shows is its material's unless its own rgba
/// is set, so the turned colour is written to the geom's rgba, which MuJoCo then prefers.
/// </summary>
public sealed record GeomColour(IReadOnlyList<string> Geoms) : IPerturbation
{
    public string Kind => "geom_colour";
    public IReadOnlyList<string> DetailKeys => ["r", "g", "b"];
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var names = c.Required(c.Section.Geoms, "geoms", "geom names or name prefixes");
        return names is not null && c.Names.Geoms(names, $"{c.Key}.geoms").Count > 0 ? new GeomColour(names) : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Geoms(env.Model, Geoms));

    /// <summary>An RGB colour (0..1) with its hue turned by <paramref name="degrees"/>.</summary>
    public static (double R, double G, double B) TurnHue(double r, double g, double b, double degrees)
    {
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), d = max - min;
        double h = d == 0 ? 0 : max == r ? 60 * (((g - b) / d) % 6) : max == g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
        double s = max == 0 ? 0 : d / max, v = max;
        h = ((h + degrees) % 360 + 360) % 360;
        double c = v * s, x = c * (1 - Math.Abs(h / 60 % 2 - 1)), m = v - c;
        var (r1, g1, b1) = (int)(h / 60) switch
        {
            0 => (c, x, 0.0), 1 => (x, c, 0.0), 2 => (0.0, c, x), 3 => (0.0, x, c), 4 => (x, 0.0, c), _ => (c, 0.0, x),
        };
        return (r1 + m, g1 + m, b1 + m);
    }

    private sealed class Bound(MujocoEnv env, int[] geoms) : IBoundPerturbation
    {
        private readonly Dictionary<string, double?> _details = new() { ["r"] = null, ["g"] = null, ["b"] = null };
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details => _details;

        public void Begin(double value, SeededRandom draws)
        {
            var m = env.Model;
            foreach (var g in geoms)
            {
                var rgba = m.EditGeomRgba(g);
                int mat = m.EditGeomMaterial(g);
                bool isDefault = rgba[0] == 0.5f && rgba[1] == 0.5f && rgba[2] == 0.5f && rgba[3] == 1f;
                ReadOnlySpan<float> shown = isDefault && mat >= 0 ? m.MaterialRgba(mat) : rgba;
                var (r, gr, b) = TurnHue(shown[0], shown[1], shown[2], value);
                float alpha = shown[3];
                rgba[0] = (float)r; rgba[1] = (float)gr; rgba[2] = (float)b; rgba[3] = alpha;
            }
            if (geoms.Length > 0)
            {
                var first = m.EditGeomRgba(geoms[0]);
                (_details["r"], _details["g"], _details["b"]) = (first[0], first[1], first[2]);
            }
        }
    }
}
