using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Sim.Scenes.So101;

namespace Harness.Sim.Experts;

/// <summary>
/// The scripted expert for so101-pick-place. It reads privileged state (block pose, bowl
/// position), plans a tool-space path (above block, descend, close, lift, carry, lower, open,
/// retreat) and turns each step of it into joint targets with Jacobian IK on its own copy of the
/// model. Returns chunks of <see cref="ChunkLength"/> actions. Variants fail on purpose.
/// </summary>
public sealed class ScriptedPickPlacePolicy : IPolicy
{
    // Open enough to clear the block by ~15 mm, no wider: a wide-open moving jaw sweeps into the bowl wall
    // when the block lies near the bowl.
    public const double GripperOpen = 30, GripperClosed = 0;
    public const double CarryHeight = 0.10, HoverHeight = 0.07, ReleaseHeight = 0.065, Speed = 0.2, GraspClearance = 0.006;
    private static readonly string[] ArmJoints = So101Joints.Motors[..5];

    private readonly MjModel _model;
    private readonly SiteIk _ik;
    private readonly double _dt;
    private CartesianPlan? _plan;
    private double[]? _q;          // last IK solution, radians (warm start)
    private double[]? _jawAxis;
    private double[]? _frozen;     // stall variant: the action it freezes on

    public ScriptedPickPlacePolicy(SceneDefinition scene, ScriptedVariant variant = ScriptedVariant.Expert, int chunkLength = 10)
    {
        if (scene.Name != So101PickPlace.Name)
            throw new ArgumentException($"the scripted policy solves '{So101PickPlace.Name}' only; got scene '{scene.Name}'.");
        if (chunkLength < 1) throw new ArgumentException($"chunk length must be >= 1; got {chunkLength}.");
        Variant = variant;
        ChunkLength = chunkLength;
        _model = MjModel.LoadXml(SceneFiles.Resolve(scene.MjcfPath));
        _ik = new SiteIk(_model, "tcp", ArmJoints);
        _dt = 1.0 / scene.ControlHz;
    }

    public ScriptedVariant Variant { get; }
    public int ChunkLength { get; }
    public string Name => ScriptedVariants.NameOf(Variant);
    public PolicyInputs Inputs { get; } = new([FeatureNames.State, FeatureNames.EnvironmentState]);
    public ExecutionHint Hint => ExecutionHint.Default;

    /// <summary>The plan segment the last action belonged to (for tests and debugging).</summary>
    public string CurrentSegment => _plan?.CurrentSegment ?? "none";

    public void Reset()
    {
        _plan = null;
        _q = null;
        _jawAxis = null;
        _frozen = null;
    }

    public ActionChunk Infer(Observation observation, string task)
    {
        var state = observation.State;
        var env = observation.Vector(FeatureNames.EnvironmentState);
        if (state.Length != 6 || env.Length != PickPlaceTask.EnvironmentStateNames.Length)
            throw new ArgumentException($"scripted policy expects state [6] and environment_state [{PickPlaceTask.EnvironmentStateNames.Length}]; got [{state.Length}] and [{env.Length}].");
        if (_plan is null) Plan(state, env);

        var actions = new double[ChunkLength][];
        for (int t = 0; t < ChunkLength; t++)
        {
            if (_frozen is not null) { actions[t] = (double[])_frozen.Clone(); continue; }
            var (target, gripper, segment) = _plan!.Next();
            _ik.Solve(_q, new SiteTarget(target[0], target[1], target[2], [0, 0, -1], _jawAxis!), maxIterations: 30);
            var action = new double[6];
            for (int j = 0; j < 5; j++) action[j] = _q![j] * 180 / Math.PI;
            action[5] = gripper;
            actions[t] = action;
            if (Variant == ScriptedVariant.Stall && segment == "lift" && _plan.CurrentSegment != "lift")
                _frozen = action;
        }
        return new ActionChunk(actions);
    }

    private void Plan(double[] state, double[] env)
    {
        _q = state[..5].Select(d => d * Math.PI / 180).ToArray();
        var (start, _) = _ik.Forward(_q);
        double bx = env[0], by = env[1], bz = env[2];
        double yaw = Math.Atan2(2 * (env[3] * env[6] + env[4] * env[5]), 1 - 2 * (env[5] * env[5] + env[6] * env[6]));
        double bowlX = env[7], bowlY = env[8];

        // Jaw axis: the block's face normal (yaw + k*90 deg) closest to the arm's natural jaw axis.
        double pan = Math.Atan2(by, bx);
        double natural = pan + Math.PI / 2, best = yaw, bestDiff = double.MaxValue;
        for (int k = -4; k <= 4; k++)
        {
            double cand = yaw + k * Math.PI / 2;
            double diff = Math.Abs(Math.IEEERemainder(cand - natural, 2 * Math.PI));
            if (diff < bestDiff) (best, bestDiff) = (cand, diff);
        }
        _jawAxis = [Math.Cos(best), Math.Sin(best), 0];

        // Descend with the block 6 mm clear of the fixed jaw (towards the open moving jaw): the
        // block's side would otherwise be flush with the fixed jaw, and a few millimetres of servo
        // lag put the jaw on top of the block. Closing slides the block onto the fixed jaw.
        double gx = bx - GraspClearance * _jawAxis[0], gy = by - GraspClearance * _jawAxis[1];
        if (Variant == ScriptedVariant.MissGrasp)
        {
            // Beside the block, along the jaw faces, so the jaws close on air.
            gx += 0.04 * -_jawAxis[1];
            gy += 0.04 * _jawAxis[0];
        }
        double goalX = bowlX, goalY = bowlY, placeZ = ReleaseHeight;
        if (Variant == ScriptedVariant.WrongGoal) (goalX, goalY, placeZ) = (0.25, 0.10, 0.019);

        double[] above = [gx, gy, HoverHeight], grasp = [gx, gy, bz], lifted = [gx, gy, CarryHeight];
        double[] overGoal = [goalX, goalY, CarryHeight], place = [goalX, goalY, placeZ], retreat = [goalX, goalY, 0.13];
        double open = GripperOpen, closed = GripperClosed;
        var segments = new List<PlanSegment>
        {
            new("approach", start, above, Steps(start, above, 20), open, open),
            new("hover", above, above, 6, open, open),
            new("descend", above, grasp, 20, open, open),
            new("close", grasp, grasp, 12, open, closed),
            new("settle", grasp, grasp, 6, closed, closed),
            new("lift", grasp, lifted, 20, closed, closed),
        };
        if (Variant == ScriptedVariant.WeakGrip)
        {
            // The grip relaxes while carrying: the block slips out half way.
            double[] mid = [(gx + goalX) / 2, (gy + goalY) / 2, CarryHeight];
            segments.Add(new("carry", lifted, mid, Steps(lifted, mid, 15), closed, 30));
            segments.Add(new("carry", mid, overGoal, Steps(mid, overGoal, 15), 30, 30));
            segments.Add(new("lower", overGoal, place, 15, 30, 30));
        }
        else
        {
            segments.Add(new("carry", lifted, overGoal, Steps(lifted, overGoal, 20), closed, closed));
            segments.Add(new("lower", overGoal, place, 15, closed, closed));
        }
        segments.Add(new("release", place, place, 10, closed, open));
        segments.Add(new("retreat", place, retreat, 15, open, open));
        _plan = new CartesianPlan(segments);
    }

    private int Steps(double[] a, double[] b, int min)
    {
        double d = Math.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        return Math.Max(min, (int)Math.Ceiling(d / Speed / _dt));
    }

    public void Dispose()
    {
        _ik.Dispose();
        _model.Dispose();
    }
}
