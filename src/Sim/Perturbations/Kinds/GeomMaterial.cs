using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// geom_material: the geoms drawn with another material of the MJCF (another texture or finish).
/// The value is an index: 0 the geom's own material, k the k-th listed one, so the list goes from
/// the mildest change to the strongest.
/// </summary>
public sealed record GeomMaterial(IReadOnlyList<string> Geoms, IReadOnlyList<string> Materials) : IPerturbation
{
    public string Kind => "geom_material";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.InitialState;

    public string Describe(double value, PerturbationRange range)
    {
        int k = (int)Math.Round(value);
        return k == 0 ? "own material" : k <= Materials.Count ? $"material {Materials[k - 1]}" : $"index {k}";
    }

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var geoms = c.Required(c.Section.Geoms, "geoms", "geom names or name prefixes");
        var mats = c.Required(c.Section.Materials, "materials", "MJCF material names, mildest first");
        if (geoms is null || mats is null) return null;
        bool ok = c.Names.Geoms(geoms, $"{c.Key}.geoms").Count > 0;
        for (int i = 0; i < mats.Count; i++) ok &= c.Names.Require(MjObject.Material, mats[i], $"{c.Key}.materials[{i}]") >= 0;
        if (c.Section.Range is { Count: 2 } r && (r[0] < 0 || r[1] > mats.Count))
        { c.P("range", $"values index the materials (0 = own, 1..{mats.Count}); found [{r[0]}, {r[1]}]."); ok = false; }
        return ok ? new GeomMaterial(geoms, mats) : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) =>
        new Bound(env, ModelTargets.Geoms(env.Model, Geoms), ModelTargets.Ids(env.Model, MjObject.Material, Materials));

    private sealed class Bound(MujocoEnv env, int[] geoms, int[] materials) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            int k = (int)Math.Round(value);
            if (k == 0) return;
            foreach (var g in geoms) env.Model.EditGeomMaterial(g) = materials[k - 1];
        }
    }
}
