using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// geom_scale: primitive geoms (and their offsets in their bodies) scaled by the value, about their
/// body's origin. A body whose geoms are all scaled keeps its mass and gets inertia x s^2; a free
/// body (an object on the table) is raised or lowered so it rests where it did, not inside the
/// table or above it.
/// </summary>
public sealed record GeomScale(IReadOnlyList<string> Geoms) : IPerturbation
{
    public const int Mesh = 7;

    public string Kind => "geom_scale";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var names = c.Required(c.Section.Geoms, "geoms", "geom names or name prefixes");
        if (names is null) return null;
        var ids = c.Names.Geoms(names, $"{c.Key}.geoms");
        foreach (var g in ids.Where(g => c.Model.GeomType(g) is < 2 or >= Mesh))
            c.P("geoms", $"geom '{c.Model.Name(MjObject.Geom, g)}' is not a primitive (sphere, capsule, ellipsoid, cylinder, box); its collision shape cannot be scaled.");
        return ids.Count > 0 ? new GeomScale(names) : null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(env, ModelTargets.Geoms(env.Model, Geoms));

    private sealed class Bound(MujocoEnv env, int[] geoms) : IBoundPerturbation
    {
        private readonly MjModel _m = env.Model;
        // Bodies all of whose geoms are scaled: their inertia scales too, and free ones are re-seated.
        private readonly int[] _bodies = geoms.Select(env.Model.GeomBody).Distinct()
            .Where(b => Enumerable.Range(0, env.Model.NGeom).Where(g => env.Model.GeomBody(g) == b).All(geoms.Contains)).ToArray();
        private double _scale = 1;

        public bool EditsModel => true;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws)
        {
            _scale = value;
            foreach (var g in geoms)
            {
                Scale(_m.EditGeomSize(g), value);
                Scale(_m.EditGeomPos(g), value);
                _m.EditGeomRBound(g) *= value;
            }
            foreach (var b in _bodies)
            {
                Scale(_m.EditBodyInertia(b), value * value);
                Scale(_m.EditBodyIPos(b), value);
            }
            _m.SetConst(env.Data);
        }

        public void BeforeSettle(MjData data)
        {
            data.Kinematics();
            var q = data.Qpos;
            foreach (var b in _bodies)
            {
                int free = FreeJointQposAdr(b);
                if (free < 0) continue;
                // Everything scaled about the body origin, so the lowest point's depth below it scaled
                // by s: lift by depth * (1 - 1/s) to keep the lowest point where it was.
                double lowest = geoms.Where(g => _m.GeomBody(g) == b).Min(g => data.GeomPos(g)[2] - HalfHeight(g, data.GeomMat(g)));
                double depth = data.BodyPos(b)[2] - lowest;
                q[free + 2] += depth * (1 - 1 / _scale);
            }
        }

        private int FreeJointQposAdr(int body)
        {
            for (int j = 0; j < _m.NJnt; j++)
                if (_m.JointType(j) == MjJointType.Free && _m.JointBody(j) == body) return _m.JointQposAdr(j);
            return -1;
        }

        // Half extent of a primitive along world z, from its size and world orientation (row-major).
        private double HalfHeight(int g, ReadOnlySpan<double> r)
        {
            var s = _m.GeomSize(g);
            double zx = Math.Abs(r[6]), zy = Math.Abs(r[7]), zz = Math.Abs(r[8]);
            return _m.GeomType(g) switch
            {
                2 => s[0],
                3 => s[0] + s[1] * zz,
                4 => Math.Sqrt(Sq(s[0] * zx) + Sq(s[1] * zy) + Sq(s[2] * zz)),
                5 => s[1] * zz + s[0] * Math.Sqrt(Math.Max(0, 1 - zz * zz)),
                _ => s[0] * zx + s[1] * zy + s[2] * zz,
            };
        }

        private static double Sq(double x) => x * x;

        private static void Scale(Span<double> v, double s)
        {
            for (int i = 0; i < v.Length; i++) v[i] *= s;
        }
    }
}
