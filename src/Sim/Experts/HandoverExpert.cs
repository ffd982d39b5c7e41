using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Experts;

/// <summary>
/// The scripted bimanual handover expert, for any scene whose task hands an object from one gripper
/// (the giver) to another (the receiver). It reads the cube's pose from the privileged state and
/// plans in two phases. First, from the initial state: the giver goes above the cube, descends with
/// its jaws across two faces, closes, lifts and carries the cube to the handover point (turning its
/// jaw axis to the scene's), while the receiver turns to its approach and waits, open, back from
/// that point. Then, once both are there, from the cube's observed pose: the receiver moves in and
/// closes, the giver opens and leaves upwards, and the receiver takes the cube away. Each step is
/// turned into joint targets with Jacobian IK per arm on its own copy of the scene's model, through
/// the scene's joint elements (actions in the robot's feature units). Variants fail on purpose.
/// </summary>
public sealed class HandoverExpert : IPolicy
{
    private const int GraspSteps = 10, SettleSteps = 8, InsertSteps = 25, ReleaseSteps = 10;

    // Beyond this distance from the planned handover point the cube is not where the giver should
    // have brought it (a fault variant dropped it): the receiver reaches for the planned point.
    private const double TrustObservedM = 0.03;

    private readonly MjModel _model;
    private readonly HandoverExpertSettings _s;
    private readonly Arm _giver, _receiver;
    private readonly int _stateDim, _objectIndex;
    private readonly double _dt;
    private int _phase;

    public HandoverExpert(SceneDefinition scene, HandoverExpertSettings settings, string objectBody, string giver, string receiver,
        HandoverVariant variant = HandoverVariant.Expert, int chunkLength = 10)
    {
        if (chunkLength < 1) throw new ArgumentException($"chunk length must be >= 1; got {chunkLength}.");
        Variant = variant;
        ChunkLength = chunkLength;
        _s = settings;
        _model = MjModel.LoadXml(scene.MjcfPath);
        var parts = scene.Bind(_model);
        var elements = parts.Joints is ElementJointMap map ? map.Elements
            : throw new ArgumentException($"scene '{scene.Name}' does not describe its joints as elements; the expert needs a scene package's joint map.");
        _stateDim = elements.Count;
        _giver = new Arm(scene, _model, elements, giver, settings);
        _receiver = new Arm(scene, _model, elements, receiver, settings);
        _dt = 1.0 / scene.ControlHz;
        var names = parts.Privileged.Names.ToList();
        _objectIndex = names.IndexOf($"{objectBody}.x");
        if (_objectIndex < 0 || names.IndexOf($"{objectBody}.qw") != _objectIndex + 3)
            throw new ArgumentException($"scene '{scene.Name}': the expert reads '{objectBody}' position and quaternion from observation.environment_state, " +
                                        $"which has: {string.Join(", ", names)}. Declare it under privileged: with parts [position, quaternion].");
        Inputs = new PolicyInputs([FeatureNames.State, FeatureNames.EnvironmentState]);
    }

    public HandoverVariant Variant { get; }
    public int ChunkLength { get; }
    public string Name => HandoverVariants.NameOf(Variant);
    public PolicyInputs Inputs { get; }
    public ExecutionHint Hint => ExecutionHint.Default;

    /// <summary>The plan segments the last actions belonged to, giver then receiver (for tests and debugging).</summary>
    public (string Giver, string Receiver) CurrentSegments => (_giver.Plan?.CurrentSegment ?? "none", _receiver.Plan?.CurrentSegment ?? "none");

    public void Reset()
    {
        _phase = 0;
        _giver.Reset();
        _receiver.Reset();
    }

    public ActionChunk Infer(Observation observation, string task)
    {
        var state = observation.State;
        var env = observation.Vector(FeatureNames.EnvironmentState);
        if (state.Length != _stateDim || env.Length < _objectIndex + 7)
            throw new ArgumentException($"the scripted expert expects state [{_stateDim}] and the scene's environment_state; got [{state.Length}] and [{env.Length}].");
        var cube = env.AsSpan(_objectIndex, 7).ToArray();
        if (_phase == 0)
        {
            _giver.Start(state);
            _receiver.Start(state);
            PlanPickAndCarry(cube);
            _phase = 1;
        }
        else if (_phase == 1 && _giver.Plan!.Finished && _receiver.Plan!.Finished)
        {
            PlanHandover(cube);
            _phase = 2;
        }

        var actions = new double[ChunkLength][];
        for (int t = 0; t < ChunkLength; t++)
        {
            var action = new double[_stateDim];
            _giver.Step(action);
            _receiver.Step(action);
            actions[t] = action;
        }
        return new ActionChunk(actions);
    }

    private void PlanPickAndCarry(double[] cube)
    {
        double bx = cube[0], by = cube[1], bz = cube[2];
        double yaw = Math.Atan2(2 * (cube[3] * cube[6] + cube[4] * cube[5]), 1 - 2 * (cube[5] * cube[5] + cube[6] * cube[6]));
        double[] down = [0, 0, -1];
        // The jaws close across the pair of faces whose normal is closest to the giver's jaw axis at
        // the handover, so the carry turns the cube by at most 45 degrees.
        var h = _s.GiverJaw;
        double best = yaw, bestDot = double.NegativeInfinity;
        for (int k = 0; k < 4; k++)
        {
            double a = yaw + k * Math.PI / 2, d = Math.Cos(a) * h[0] + Math.Sin(a) * h[1];
            if (d > bestDot) (best, bestDot) = (a, d);
        }
        double[] jaw = [Math.Cos(best), Math.Sin(best), 0];
        double gx = bx, gy = by;
        if (Variant == HandoverVariant.MissGrasp)
        {
            // Beside the cube, along the jaw faces, so the jaws close on air.
            gx += 0.04 * -jaw[1];
            gy += 0.04 * jaw[0];
        }
        var hp = _s.HandoverPoint;
        var above = new ToolPose([gx, gy, bz + _s.HoverHeight], down, jaw);
        var grasp = above.At([gx, gy, bz + _s.GraspHeight]);
        var lifted = above.At([gx, gy, hp[2] + _s.GraspHeight]);
        var handover = new ToolPose([hp[0], hp[1], hp[2] + _s.GraspHeight], down, _s.GiverJaw);

        var g = _giver.NewPlan(_s.GripperOpen);
        g.Then("approach", above, Steps(_giver.StartPose.Position, above.Position, 25));
        g.Hold("hover", 5);
        g.Then("descend", grasp, 20);
        g.Hold("close", GraspSteps, _s.GripperClosed);
        g.Hold("settle", 6);
        g.Then("lift", lifted, 20);
        if (Variant == HandoverVariant.DropBefore)
        {
            var mid = new ToolPose([(lifted.Position[0] + handover.Position[0]) / 2, (lifted.Position[1] + handover.Position[1]) / 2, handover.Position[2]], down, handover.Jaw);
            g.Then("carry", mid, Steps(lifted.Position, mid.Position, 15), _s.GripperOpen);
            g.Then("carry", handover, Steps(mid.Position, handover.Position, 15));
        }
        else g.Then("carry", handover, Steps(lifted.Position, handover.Position, 30));
        g.Hold("present", 10);

        var r = _receiver.NewPlan(_s.GripperReceive);
        var wait = ReceiverGrasp(hp).Moved(-_s.ReceiverStandoff * Unit(_s.ReceiverApproach)[0], -_s.ReceiverStandoff * Unit(_s.ReceiverApproach)[1],
            -_s.ReceiverStandoff * Unit(_s.ReceiverApproach)[2]);
        r.Then("prepare", wait, Steps(_receiver.StartPose.Position, wait.Position, 60));
    }

    private void PlanHandover(double[] cube)
    {
        var hp = _s.HandoverPoint;
        double[] at = [cube[0], cube[1], cube[2]];
        double off = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (at[i] - hp[i]) * (at[i] - hp[i])));
        var target = ReceiverGrasp(off <= TrustObservedM ? at : hp);

        var r = _receiver.Plan!;
        r.Then("insert", target, InsertSteps);
        r.Hold("close", GraspSteps, Variant == HandoverVariant.HandoverMiss ? _s.GripperReceive : _s.GripperClosed);
        r.Hold("settle", SettleSteps);
        if (Variant == HandoverVariant.DropAfter) r.Hold("release", ReleaseSteps, _s.GripperReceive);
        else r.Hold("wait", ReleaseSteps + 5);
        var o = _s.HoldOffset;
        // Taking the cube away from a giver that never lets go would be a tug of war; both just hold it.
        if (Variant != HandoverVariant.NoRelease) r.Then("take", target.Moved(o[0], o[1], o[2]), 20);

        var g = _giver.Plan!;
        g.Hold("hold", InsertSteps + GraspSteps + SettleSteps);
        if (Variant == HandoverVariant.NoRelease) return;
        g.Hold("release", ReleaseSteps, _s.GripperOpen);
        g.Then("retreat", g.End.Pose.Moved(0, 0, 0.08), 20);
    }

    // The receiver's tool site when its fingertips pass the cube's centre by receiver_depth.
    private ToolPose ReceiverGrasp(double[] centre)
    {
        var a = Unit(_s.ReceiverApproach);
        return new ToolPose([centre[0] + _s.ReceiverDepth * a[0], centre[1] + _s.ReceiverDepth * a[1], centre[2] + _s.ReceiverDepth * a[2]], a, Unit(_s.ReceiverJaw));
    }

    private int Steps(double[] a, double[] b, int min)
    {
        double d = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (a[i] - b[i]) * (a[i] - b[i])));
        return Math.Max(min, (int)Math.Ceiling(d / _s.Speed / _dt));
    }

    private static double[] Unit(double[] v)
    {
        double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return [v[0] / n, v[1] / n, v[2] / n];
    }

    public void Dispose()
    {
        _giver.Dispose();
        _receiver.Dispose();
        _model.Dispose();
    }

    /// <summary>One arm: its joint elements, its gripper element, its IK and its plan.</summary>
    private sealed class Arm : IDisposable
    {
        private readonly JointElement[] _joints;
        private readonly int[] _index;
        private readonly int _gripper;
        private readonly SiteIk _ik;
        private double[] _q = [];

        public Arm(SceneDefinition scene, MjModel model, IReadOnlyList<JointElement> elements, string gripper, HandoverExpertSettings s)
        {
            var g = scene.Grippers.FirstOrDefault(x => x.Name == gripper)
                ?? throw new ArgumentException($"scene '{scene.Name}' has no gripper '{gripper}'; its grippers: {string.Join(", ", scene.Grippers.Select(x => x.Name))}.");
            _gripper = elements.ToList().FindIndex(e => e.Spec.Key == g.Element);
            if (_gripper < 0) throw new ArgumentException($"scene '{scene.Name}': the gripper '{g.Name}' names no state/action element; the expert cannot open and close it.");
            _index = ArmChain.Elements(model, g.ToolSite, elements);
            _joints = _index.Select(i => elements[i]).ToArray();
            _ik = new SiteIk(model, g.ToolSite, _joints.Select(e => e.Joint).ToArray()) { ApproachAxis = s.ApproachAxis, JawAxis = s.JawAxis };
        }

        public ToolPosePlan? Plan { get; private set; }
        public ToolPose StartPose { get; private set; } = new([0, 0, 0], [1, 0, 0], [0, 1, 0]);
        private double _startGripper;

        public void Reset()
        {
            Plan = null;
            _q = [];
        }

        public void Start(double[] state)
        {
            _q = _index.Select((i, j) => _joints[j].ToSim(state[i])).ToArray();
            var (p, m) = _ik.Forward(_q);
            var a = _ik.ApproachAxis;
            var y = _ik.JawAxis;
            // World directions of the site's approach and jaw axes (row-major site_xmat times the local axis).
            StartPose = new ToolPose(p, Rotate(m, a), Rotate(m, y));
            _startGripper = state[_gripper];
        }

        /// <summary>A plan starting at the current pose, the gripper going to <paramref name="gripper"/> on the first segment.</summary>
        public ToolPosePlan NewPlan(double gripper)
        {
            Plan = new ToolPosePlan();
            Plan.Append(new PoseSegment("start", StartPose, StartPose, 0, _startGripper, gripper));
            return Plan;
        }

        public void Step(double[] action)
        {
            var (pose, gripper, _) = Plan!.Next();
            _ik.Solve(_q, new SiteTarget(pose.Position[0], pose.Position[1], pose.Position[2], pose.Approach, pose.Jaw), maxIterations: 40);
            for (int j = 0; j < _joints.Length; j++) action[_index[j]] = _joints[j].ToFeature(_q[j]);
            action[_gripper] = gripper;
        }

        private static double[] Rotate(double[] m, double[] v) =>
            [m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]];

        public void Dispose() => _ik.Dispose();
    }
}
