using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// joint_noise: the arm starts away from its home pose: each listed joint offset by up to the value
/// (in the joint's feature unit, e.g. degrees), by a fraction in [-1, 1] drawn from the seed (the
/// same at every level), within the joint's limits. The servos hold the offset pose while the arm
/// settles, so the episode starts at rest there.
/// </summary>
public sealed record JointNoise(IReadOnlyList<string> Joints) : IPerturbation
{
    public string Kind => "joint_noise";
    public IReadOnlyList<string> DetailKeys => Joints;
    public StillMoment Still => StillMoment.InitialState;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var keys = c.Elements.Select(e => e.Spec.Key).ToList();
        var joints = c.Section.Joints ?? c.Elements.Where(e => !e.Spec.IsGripper).Select(e => e.Spec.Key).ToList();
        var unknown = joints.Where(j => !keys.Contains(j)).ToArray();
        if (unknown.Length > 0) { c.P("joints", $"{string.Join(", ", unknown)} not among the robot's joints ({string.Join(", ", keys)})."); return null; }
        if (joints.Count == 0) { c.P("joints", "no joint to perturb; list state/action keys."); return null; }
        return new JointNoise(joints);
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range)
    {
        var specs = env.Spec.Joints.ToList();
        return new Bound(this, env, Joints.Select(j => specs.FindIndex(s => s.Key == j)).ToArray());
    }

    private sealed class Bound(JointNoise kind, MujocoEnv env, int[] indices) : IBoundPerturbation
    {
        private readonly Dictionary<string, double?> _details = kind.Joints.ToDictionary(k => k, _ => (double?)null);
        private readonly double[] _offsets = new double[indices.Length];
        public bool EditsModel => false;
        public IReadOnlyDictionary<string, double?> Details => _details;

        public void Begin(double value, SeededRandom draws)
        {
            for (int i = 0; i < indices.Length; i++) _offsets[i] = value * (2 * draws.NextDouble() - 1);
        }

        public void BeforeSettle(MjData data)
        {
            var pose = new double[env.Spec.Joints.Count];
            env.Parts.Joints.ReadState(data, pose);
            for (int i = 0; i < indices.Length; i++)
            {
                var spec = env.Spec.Joints[indices[i]];
                double target = Math.Clamp(pose[indices[i]] + _offsets[i], spec.Min, spec.Max);
                _details[kind.Joints[i]] = target - pose[indices[i]];
                pose[indices[i]] = target;
            }
            env.Parts.Joints.SetPose(data, pose);
        }
    }
}
