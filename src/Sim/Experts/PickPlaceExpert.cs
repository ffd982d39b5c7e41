using Harness.Core.Actions;
using Harness.Core.Kinematics;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Experts;

/// <summary>
/// The scripted pick-and-place expert, for any pick-and-place scene package: it reads the object's
/// pose and the goal's position from the privileged state, plans a tool-space path (above the
/// object, hover, descend, close, lift, carry, lower, open, retreat) and turns each step into joint
/// targets with Jacobian IK on its own copy of the scene's model, through the scene's own joint map
/// (so the actions are in the robot's feature units). Returns chunks of <see cref="ChunkLength"/>
/// actions. Variants fail on purpose. Given the scene's end effector, it emits the tool poses
/// themselves (end-effector actions <c>ee:rpy</c>: position and orientation of the tool site in
/// the robot base frame, plus the gripper) and leaves the joints to the action adapter's IK: the
/// same plan through the other representation (<c>scripted:ee</c>).
/// </summary>
public sealed class PickPlaceExpert : IPolicy, IPolicyConventions
{
    public const string EndEffectorName = "scripted:ee";

    private readonly MjModel _model;
    private readonly SiteIk _ik;
    private readonly double _dt;
    private readonly PickPlaceExpertSettings _settings;
    private readonly IReadOnlyList<JointElement> _arm;
    private readonly int[] _armIndex;
    private readonly int _gripperIndex, _objectIndex, _goalIndex, _stateDim;
    private CartesianPlan? _plan;
    private double[]? _q;          // last IK solution, radians (warm start)
    private double[]? _jawAxis;
    private double[]? _frozen;     // stall variant: the action it freezes on
    private readonly EndEffectorSpec? _endEffector;
    private readonly Rotation _baseRotation;
    private readonly Vec3 _basePosition;

    public PickPlaceExpert(SceneDefinition scene, PickPlaceExpertSettings settings, string objectBody, string goalBody,
        ScriptedVariant variant = ScriptedVariant.Expert, int chunkLength = 10, EndEffectorSpec? endEffector = null)
    {
        if (chunkLength < 1) throw new ArgumentException($"chunk length must be >= 1; got {chunkLength}.");
        _endEffector = endEffector;
        Variant = variant;
        ChunkLength = chunkLength;
        _settings = settings;
        _model = MjModel.LoadXml(scene.MjcfPath);
        var parts = scene.Bind(_model);
        var elements = parts.Joints is ElementJointMap map ? map.Elements
            : throw new ArgumentException($"scene '{scene.Name}' does not describe its joints as elements; the expert needs a scene package's joint map.");
        var gripper = scene.PrimaryGripper;
        _gripperIndex = elements.ToList().FindIndex(e => e.Spec.Key == gripper.Element);
        if (_gripperIndex < 0) throw new ArgumentException($"scene '{scene.Name}': the gripper '{gripper.Name}' names no state/action element; the expert cannot open and close it.");
        _armIndex = Enumerable.Range(0, elements.Count).Where(i => !elements[i].Spec.IsGripper).ToArray();
        _arm = _armIndex.Select(i => elements[i]).ToArray();
        _stateDim = elements.Count;
        _ik = new SiteIk(_model, gripper.ToolSite, _arm.Select(e => e.Joint).ToArray()) { ApproachAxis = settings.ApproachAxis, JawAxis = settings.JawAxis };
        _dt = 1.0 / scene.ControlHz;
        var names = parts.Privileged.Names.ToList();
        _objectIndex = names.IndexOf($"{objectBody}.x");
        _goalIndex = names.IndexOf($"{goalBody}.x");
        if (_objectIndex < 0 || names.IndexOf($"{objectBody}.qw") != _objectIndex + 3 || _goalIndex < 0)
            throw new ArgumentException($"scene '{scene.Name}': the expert reads '{objectBody}' position and quaternion and '{goalBody}' position from " +
                                        $"observation.environment_state, which has: {string.Join(", ", names)}. Declare them under privileged:.");
        Inputs = new PolicyInputs([FeatureNames.State, FeatureNames.EnvironmentState]);
        (_basePosition, _baseRotation) = (new Vec3(0, 0, 0), Rotation.Identity);
        if (endEffector is not null)
        {
            if (gripper.ToolSite != endEffector.ToolFrame)
                throw new ArgumentException($"scene '{scene.Name}': the expert plans for tool site '{gripper.ToolSite}' but the end effector poses '{endEffector.ToolFrame}'; make them the same site.");
            using var data = new MjData(_model);
            data.Kinematics();
            int b = _model.RequireId(MjObject.Body, endEffector.BaseFrame);
            (_basePosition, _baseRotation) = (Vec3.From(data.BodyPos(b)), Rotation.FromMatrix(data.BodyMat(b)));
        }
    }

    /// <summary>End-effector actions (ee:rpy) when built with the scene's end effector; else the robot's joints.</summary>
    public ActionRepresentation? ActionSpace => _endEffector is null ? null : new(ActionKind.EndEffectorPose, OrientationConventions.NameOf(OrientationConvention.Rpy));

    public IReadOnlyDictionary<string, UnitDeclaration> Units { get; } = new Dictionary<string, UnitDeclaration>();

    public ScriptedVariant Variant { get; }
    public int ChunkLength { get; }
    public string Name => _endEffector is null ? ScriptedVariants.NameOf(Variant) : EndEffectorName;
    public PolicyInputs Inputs { get; }
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
        if (state.Length != _stateDim || env.Length < Math.Max(_objectIndex + 7, _goalIndex + 3))
            throw new ArgumentException($"the scripted expert expects state [{_stateDim}] and the scene's environment_state; got [{state.Length}] and [{env.Length}].");
        if (_plan is null) Plan(state, env);

        var actions = new double[ChunkLength][];
        for (int t = 0; t < ChunkLength; t++)
        {
            if (_frozen is not null) { actions[t] = (double[])_frozen.Clone(); continue; }
            var (target, gripper, segment) = _plan!.Next();
            if (_endEffector is not null) { actions[t] = ToolPoseAction(target, gripper); continue; }
            _ik.Solve(_q, new SiteTarget(target[0], target[1], target[2], [0, 0, -1], _jawAxis!), maxIterations: 30);
            var action = new double[_stateDim];
            for (int j = 0; j < _arm.Count; j++) action[_armIndex[j]] = _arm[j].ToFeature(_q![j]);
            action[_gripperIndex] = gripper;
            actions[t] = action;
            if (Variant == ScriptedVariant.Stall && segment == "lift" && _plan.CurrentSegment != "lift")
                _frozen = action;
        }
        return new ActionChunk(actions);
    }

    // The plan's tool target as an end-effector action in the base frame: the approach axis points
    // down and the jaw axis along the planned grasp direction, as the joint expert's IK asks for.
    private double[] ToolPoseAction(double[] target, double gripper)
    {
        var world = Triad(new Vec3(0, 0, -1), Vec3.From(_jawAxis!)) * Triad(Vec3.From(_settings.ApproachAxis), Vec3.From(_settings.JawAxis)).Conjugate();
        var inv = _baseRotation.Conjugate();
        var p = inv.Rotate(Vec3.From(target) - _basePosition);
        var (roll, pitch, yaw) = (inv * world).ToRpy();
        return [p.X, p.Y, p.Z, roll, pitch, yaw, gripper];
    }

    // The rotation taking the standard axes to (a, b', a x b'), b' = b made orthogonal to a.
    private static Rotation Triad(Vec3 a, Vec3 b)
    {
        var x = a.Normalized();
        var y = (b - x.Dot(b) * x).Normalized();
        var z = x.Cross(y);
        return Rotation.FromMatrix([x.X, y.X, z.X, x.Y, y.Y, z.Y, x.Z, y.Z, z.Z]);
    }

    private void Plan(double[] state, double[] envState)
    {
        _q = _armIndex.Select((i, j) => _arm[j].ToSim(state[i])).ToArray();
        var (start, _) = _ik.Forward(_q);
        var env = envState.AsSpan(_objectIndex, 7);
        double bx = env[0], by = env[1], bz = env[2];
        double yaw = Math.Atan2(2 * (env[3] * env[6] + env[4] * env[5]), 1 - 2 * (env[5] * env[5] + env[6] * env[6]));
        double bowlX = envState[_goalIndex], bowlY = envState[_goalIndex + 1];

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
        double gx = bx - _settings.GraspClearance * _jawAxis[0], gy = by - _settings.GraspClearance * _jawAxis[1];
        if (Variant == ScriptedVariant.MissGrasp)
        {
            // Beside the block, along the jaw faces, so the jaws close on air.
            gx += 0.04 * -_jawAxis[1];
            gy += 0.04 * _jawAxis[0];
        }
        double goalX = bowlX, goalY = bowlY, placeZ = _settings.ReleaseHeight;
        // Wrong goal: put the object down on the table where the scene says (default: where it started).
        if (Variant == ScriptedVariant.WrongGoal)
        {
            double putDown = bz + _settings.GraspHeight + 0.006;
            (goalX, goalY, placeZ) = _settings.WrongGoal is { } w ? (w[0], w[1], putDown) : (bx, by, putDown);
        }

        double carry = _settings.CarryHeight;
        double[] above = [gx, gy, _settings.HoverHeight], grasp = [gx, gy, bz + _settings.GraspHeight], lifted = [gx, gy, carry];
        double[] overGoal = [goalX, goalY, carry], place = [goalX, goalY, placeZ], retreat = [goalX, goalY, carry + 0.03];
        double open = _settings.GripperOpen, closed = _settings.GripperClosed;
        var segments = new List<PlanSegment>
        {
            new("approach", start, above, Steps(start, above, 20), open, open),
            new("hover", above, above, 6, open, open),
            new("descend", above, grasp, 20, open, open),
        };
        // Let a lagging arm reach the target before the jaws act on the object.
        if (_settings.ArrivalSteps > 0) segments.Add(new("arrive", grasp, grasp, _settings.ArrivalSteps, open, open));
        segments.AddRange(
        [
            new("close", grasp, grasp, 12, open, closed),
            new("settle", grasp, grasp, 6, closed, closed),
            new("lift", grasp, lifted, 20, closed, closed),
        ]);
        if (Variant == ScriptedVariant.WeakGrip)
        {
            // The grip relaxes while carrying: the block slips out half way.
            double[] mid = [(gx + goalX) / 2, (gy + goalY) / 2, carry];
            segments.Add(new("carry", lifted, mid, Steps(lifted, mid, 15), closed, open));
            segments.Add(new("carry", mid, overGoal, Steps(mid, overGoal, 15), open, open));
            segments.Add(new("lower", overGoal, place, 15, open, open));
        }
        else
        {
            segments.Add(new("carry", lifted, overGoal, Steps(lifted, overGoal, 20), closed, closed));
            segments.Add(new("lower", overGoal, place, 15, closed, closed));
        }
        if (_settings.ArrivalSteps > 0) segments.Add(new("arrive", place, place, _settings.ArrivalSteps, segments[^1].GripperTo, segments[^1].GripperTo));
        segments.Add(new("release", place, place, 10, closed, open));
        segments.Add(new("retreat", place, retreat, 15, open, open));
        _plan = new CartesianPlan(segments);
    }

    private int Steps(double[] a, double[] b, int min)
    {
        double d = Math.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        return Math.Max(min, (int)Math.Ceiling(d / _settings.Speed / _dt));
    }

    public void Dispose()
    {
        _ik.Dispose();
        _model.Dispose();
    }
}
