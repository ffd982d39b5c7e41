using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// body_mass: bodies' masses and inertias scaled by the value (same shape, denser or lighter
/// material), then mj_setConst re-derives what depends on them (subtree masses, the inverse weights
/// that set contact softness). Gravity compensation reads the model's masses, so it follows.
/// </summary>
public sealed record BodyMass(IReadOnlyList<string> Bodies) : IPerturbation
{
    public string Kind => "body_mass";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.None;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var names = c.Required(c.Section.Bodies, "bodies", "body names");
        if (names is null) return null;
        bool ok = true;
        for (int i = 0; i < names.Count; i++)
        {
            int b = c.Names.Require(MjObject.Body, names[i], $"{c.Key}.bodies[{i}]");
            if (b == 0) { c.P($"bodies[{i}]", "the world body has no mass to change."); ok = false; }
            ok &= b > 0;
        }
        return ok ? new BodyMass(names) : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Ids(env.Model, MjObject.Body, Bodies));

    private sealed class Bound(MujocoEnv env, int[] bodies) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            var m = env.Model;
            foreach (var b in bodies)
            {
                m.EditBodyMass(b) *= value;
                var inertia = m.EditBodyInertia(b);
                for (int i = 0; i < 3; i++) inertia[i] *= value;
            }
            m.SetConst(env.Data);
        }
    }
}
