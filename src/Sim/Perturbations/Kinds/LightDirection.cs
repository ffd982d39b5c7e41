using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// light_direction: lights turned away from their direction by the value (degrees), each about an
/// axis perpendicular to it at an angle drawn from the seed (the same at every level).
/// </summary>
public sealed record LightDirection(IReadOnlyList<string> Lights) : IPerturbation
{
    public string Kind => "light_direction";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c) => FixedLights(c) is { } l ? new LightDirection(l) : null;

    /// <summary>Lights named in the section, fixed in their body's frame (tracking lights are recomputed by MuJoCo every step).</summary>
    internal static IReadOnlyList<string>? FixedLights(PerturbationContext c)
    {
        var names = c.Required(c.Section.Lights, "lights", "MJCF light names");
        if (names is null) return null;
        bool ok = true;
        for (int i = 0; i < names.Count; i++)
        {
            int id = c.Names.Require(MjObject.Light, names[i], $"{c.Key}.lights[{i}]");
            if (id >= 0 && c.Model.LightMode(id) != 0) { c.P($"lights[{i}]", $"light '{names[i]}' tracks a body (mode {c.Model.LightMode(id)}); only fixed lights can be perturbed."); ok = false; }
            ok &= id >= 0;
        }
        return ok ? names : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Ids(env.Model, MjObject.Light, Lights));

    private sealed class Bound(MujocoEnv env, int[] lights) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            foreach (var l in lights)
            {
                double phi = 2 * Math.PI * draws.NextDouble();
                var dir = env.Model.EditLightDir(l);
                var axis = Rotations.Perpendicular([dir[0], dir[1], dir[2]], phi);
                Rotations.Rotate(dir, axis, Rotations.Rad(value)).CopyTo(dir);
            }
        }
    }
}
