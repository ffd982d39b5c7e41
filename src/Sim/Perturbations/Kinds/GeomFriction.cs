using Harness.Core.Randomness;
using Harness.Sim.Env;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// geom_friction: the sliding friction coefficient of geoms scaled by the value. MuJoCo uses the
/// larger coefficient of the two geoms in contact, so list both sides of the contacts that matter
/// (the object and the gripper's jaws).
/// </summary>
public sealed record GeomFriction(IReadOnlyList<string> Geoms) : IPerturbation
{
    public string Kind => "geom_friction";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.None;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var names = c.Required(c.Section.Geoms, "geoms", "geom names or name prefixes");
        return names is not null && c.Names.Geoms(names, $"{c.Key}.geoms").Count > 0 ? new GeomFriction(names) : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Geoms(env.Model, Geoms));

    private sealed class Bound(MujocoEnv env, int[] geoms) : IBoundPerturbation
    {
        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            foreach (var g in geoms) env.Model.EditGeomFriction(g)[0] *= value;
        }
    }
}
