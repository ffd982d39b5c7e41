using Harness.Core.Kinematics;
using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Core.Actions;

/// <summary>
/// The one adapter between a policy and the robot for everything that is not the robot's own
/// absolute joints in the robot's units: per-element unit rescaling (state to the policy, actions
/// back), and the action representation (delta, per-step delta, end-effector pose through IK).
/// <para>
/// Why a policy wrapper rather than an environment wrapper: delta actions are relative to the
/// state at the query and per-step deltas to the previous row of the chunk, so the chunk is the
/// unit of interpretation, and only the policy side sees chunk boundaries. Converting whole chunks
/// when they arrive also leaves everything downstream in joint space, unchanged: the runner's
/// temporal ensembling, whisker forward simulation and replays, the environment and its safety
/// clamps, and the recorded chunks (what was predicted is what runs). A flag inside each policy
/// (ONNX, openpi, scripted) would repeat this three times and drift.
/// </para>
/// </summary>
public sealed class ActionAdapter : IPolicy, IPolicyWrapper
{
    private readonly IPolicy _inner;
    private readonly IActionDecoder _decoder;
    private readonly IArmKinematics? _kinematics;
    private readonly UnitConversion?[] _state;   // per robot joint (observation.state)
    private readonly UnitConversion?[] _action;  // per policy action element

    private ActionAdapter(IPolicy inner, RobotSpec robot, ActionRepresentation representation,
        IReadOnlyDictionary<string, UnitDeclaration> units, IArmKinematics? kinematics)
    {
        _inner = inner;
        _kinematics = kinematics;
        Representation = representation;
        Units = units;
        var joints = robot.Joints;
        IReadOnlyList<string> actionNames;
        IReadOnlyList<string> actionUnits;
        IReadOnlyList<GripperSense?> actionGrippers;
        switch (representation.Kind)
        {
            case ActionKind.EndEffectorPose:
                if (kinematics is null)
                    throw new ArgumentException($"end-effector actions need the arm's kinematics; {robot.RobotType} provides none here " +
                                                "(declare robot.end_effector in the scene package).");
                var convention = OrientationConventions.Parse(representation.Convention);
                var ee = new EndEffectorDecoder(kinematics, convention, joints.Count);
                _decoder = ee;
                var gripper = kinematics.GripperIndex >= 0 ? joints[kinematics.GripperIndex] : null;
                actionNames = [.. OrientationConventions.ElementNames(convention), .. gripper is null ? Array.Empty<string>() : [gripper.Key]];
                actionUnits = [Robots.Units.Metres, Robots.Units.Metres, Robots.Units.Metres, Robots.Units.Radians, Robots.Units.Radians, Robots.Units.Radians,
                    .. gripper is null ? Array.Empty<string>() : [gripper.Unit]];
                actionGrippers = [null, null, null, null, null, null, .. gripper is null ? Array.Empty<GripperSense?>() : [gripper.Gripper]];
                break;
            default:
                bool all = representation.Convention == ActionSpaces.AllElements;
                var relative = joints.Select(j => representation.Kind != ActionKind.AbsoluteJoints && (all || !j.IsGripper)).ToArray();
                _decoder = new JointActionDecoder(relative, representation.Kind == ActionKind.StepDeltaJoints);
                actionNames = joints.Select(j => j.Key).ToArray();
                actionUnits = joints.Select(j => j.Unit).ToArray();
                actionGrippers = joints.Select(j => j.Gripper).ToArray();
                break;
        }

        var unknown = units.Keys.Where(k => !actionNames.Contains(k) && joints.All(j => j.Key != k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"unit declared for unknown element(s) {string.Join(", ", unknown)}; " +
                                        $"the state has {string.Join(", ", joints.Select(j => j.Key))} and the action {string.Join(", ", actionNames)}.");
        _state = joints.Select(j => units.TryGetValue(j.Key, out var u) ? UnitConversion.Between(j.Key, j.Unit, j.Gripper, u) : null).ToArray();
        _action = actionNames.Select((n, i) => units.TryGetValue(n, out var u) ? UnitConversion.Between(n, actionUnits[i], actionGrippers[i], u) : null).ToArray();
        ActionNames = actionNames;
        PolicySpec = robot with
        {
            Action = representation,
            Features = robot.Features.Select(f => f.Name switch
            {
                FeatureNames.Action => f with { Shape = [actionNames.Count], Names = actionNames, Units = actionNames.Select((n, i) => units.TryGetValue(n, out var u) ? u.Unit : actionUnits[i]).ToArray() },
                FeatureNames.State => f with { Units = joints.Select(j => units.TryGetValue(j.Key, out var u) ? u.Unit : j.Unit).ToArray() },
                _ => f,
            }).ToArray(),
        };
        if (representation.Kind == ActionKind.EndEffectorPose) Metrics = new IkMetricsObserver(this, kinematics!.EndEffector);
    }

    /// <summary>
    /// Wraps <paramref name="policy"/> when its representation or units differ from the robot's;
    /// returns it unchanged when they do not. <paramref name="kinematics"/> is called only for
    /// end-effector actions.
    /// </summary>
    public static IPolicy Wrap(IPolicy policy, RobotSpec robot, ActionRepresentation representation,
        IReadOnlyDictionary<string, UnitDeclaration>? units = null, Func<IArmKinematics>? kinematics = null)
    {
        units ??= new Dictionary<string, UnitDeclaration>();
        if (representation.Kind == ActionKind.AbsoluteJoints && units.Count == 0) return policy;
        var kin = representation.Kind == ActionKind.EndEffectorPose
            ? (kinematics ?? throw new ArgumentException(
                $"end-effector actions need the arm's kinematics; {robot.RobotType} provides none here (declare robot.end_effector in the scene package)."))()
            : null;
        try { return new ActionAdapter(policy, robot, representation, units, kin); }
        catch { kin?.Dispose(); throw; }
    }

    public IPolicy Inner => _inner;
    public ActionRepresentation Representation { get; }
    public IReadOnlyDictionary<string, UnitDeclaration> Units { get; }
    /// <summary>The names of the elements of the policy's actions.</summary>
    public IReadOnlyList<string> ActionNames { get; }
    /// <summary>The robot as the policy sees it: its action feature in the policy's representation and units.</summary>
    public RobotSpec PolicySpec { get; }
    /// <summary>Per-episode IK metrics (end-effector actions only): add it to the episode's observers.</summary>
    public IkMetricsObserver? Metrics { get; }
    /// <summary>The IK solutions of the rows of the last chunk (end-effector actions only).</summary>
    public IReadOnlyList<IkSolution>? LastIk { get; private set; }

    public string Name => _inner.Name;
    public PolicyInputs Inputs => _inner.Inputs;
    public ExecutionHint Hint => _inner.Hint;

    public void Reset()
    {
        LastIk = null;
        _inner.Reset();
    }

    public void Check(RobotSpec spec) => _inner.Check(PolicySpec);

    /// <summary>Pre-flight of the wrapped policy against the robot as it sees it: its action space, its units.</summary>
    public PreflightReport Preflight(PreflightContext context) => _inner.Preflight(context with
    {
        Spec = PolicySpec,
        ResetObservations = context.ResetObservations.Select(ToPolicy).ToList(),
        StepObservations = context.StepObservations.Select(ToPolicy).ToList(),
    });

    public ActionChunk Infer(Observation observation, string task)
    {
        var state = observation.State;
        var chunk = _inner.Infer(ToPolicy(observation), task);
        if (chunk.Dim != ActionNames.Count)
            throw new InvalidDataException(
                $"policy returned actions of dimension {chunk.Dim}; its action space {ActionSpaces.NameOf(Representation)} expects {ActionNames.Count} ({string.Join(", ", ActionNames)}).");
        var rows = chunk.Actions.Select(ToRobot).ToArray();
        var decoded = _decoder.Decode(rows, state);
        LastIk = decoded.Ik;
        return new ActionChunk(decoded.Joints);
    }

    private Observation ToPolicy(Observation o)
    {
        if (_state.All(c => c is null)) return o;
        var state = o.State;
        var converted = new double[state.Length];
        for (int i = 0; i < state.Length; i++) converted[i] = _state[i]?.ToPolicy(state[i]) ?? state[i];
        var vectors = new Dictionary<string, double[]>(o.Vectors) { [FeatureNames.State] = converted };
        return o with { Vectors = vectors };
    }

    private double[] ToRobot(double[] row)
    {
        var r = new double[row.Length];
        for (int i = 0; i < row.Length; i++)
            r[i] = _action[i] is not { } c ? row[i] : _decoder.Relative[i] ? row[i] / c.Scale : c.ToRobot(row[i]);
        return r;
    }

    /// <summary>The adapter's settings for run.json (<c>settings.other</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings()
    {
        var s = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["action_space"] = ActionSpaces.NameOf(Representation) };
        foreach (var (k, u) in Units) s[$"unit.{k}"] = u.ToString();
        if (_kinematics?.EndEffector is { } ee)
        {
            s["ik_tolerance"] = $"{ee.Tolerance.PositionM * 1000:0.###} mm, {ee.Tolerance.OrientationDeg:0.###} deg";
            s["ik_honoured_orientation"] = EndEffectorSpec.Describe(ee.Honoured);
        }
        return s;
    }

    public void Dispose()
    {
        _inner.Dispose();
        _kinematics?.Dispose();
    }
}
