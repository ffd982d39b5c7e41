using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Core.Tasks;

namespace Harness.Tests.Support;

/// <summary>
/// A test double of our own <see cref="IRobotEnv"/> contract, for fast tests of generic code (the
/// episode loop, evaluation runs, run files) without MuJoCo: a kinematic arm with one joint in
/// degrees and a 0-100 gripper, whose joint moves half way to the commanded angle every step. Its
/// "reach" task draws a target angle and a start angle from the seed; the episode ends early once
/// the arm is within 0.5 deg of the target. The real-MuJoCo tests of the same code stay beside these.
/// </summary>
public sealed class FakeRobotEnv : IRobotEnv
{
    public const double Gain = 0.5, DoneWithinDeg = 0.5, SuccessWithinDeg = 2.0, ControlHz = 10;

    /// <summary>The reach task's schema, written here (not taken from any scene).</summary>
    public static readonly TaskSchema ReachSchema = new("fake-reach", "move the arm joint to a target angle drawn from the seed",
        [
            OutcomeClass.Success("the arm ends within 2 deg of the target"),
            new("WRONG_SIDE", "the arm ends more than 2 deg from the target, on the other side of 0 deg", 1, 'w'),
            new("SHORT", "the arm ends more than 2 deg from the target, on its side of 0 deg", 2, 'h'),
        ],
        [
            new("final_error_deg", Units.Degrees, "|arm - target| after the last step", [MetricAggregation.Mean, MetricAggregation.Max]),
            MetricSpec.Flag("moved", "the arm ended more than 1 deg from where it started"),
            new("time_to_target_s", "s", "time of the first step within 2 deg of the target", [MetricAggregation.P50]),
        ]);

    private readonly int _maxSteps;
    private double _arm, _gripper, _start, _target;
    private int _step;
    private double? _reachedAt;

    public FakeRobotEnv(int maxSteps = 40, int? failAtStep = null)
    {
        _maxSteps = maxSteps;
        FailAtStep = failAtStep;
        JointSpec[] joints =
        [
            new("arm.pos", Units.Degrees, -90, 90),
            new("gripper.pos", Units.Percent, 0, 100, JointKind.Gripper, new GripperSense(Open: 100, Closed: 0)),
        ];
        Spec = new RobotSpec("fake_arm", joints, [], ControlHz, maxSteps,
        [
            .. RobotSpec.JointFeatures(joints),
            new FeatureSpec(FeatureNames.EnvironmentState, FeatureDType.Float32, [1], ["target.deg"], Privileged: true, Units: [Units.Degrees]),
        ]);
    }

    /// <summary>The step at which <see cref="Step"/> throws, as a broken robot or simulator would.</summary>
    public int? FailAtStep { get; set; }
    public int Resets { get; private set; }
    public int Steps { get; private set; }
    public double Target => _target;
    /// <summary>What the runner told <see cref="Conclude"/> last.</summary>
    public EpisodeEnd? LastEnd { get; private set; }

    public RobotSpec Spec { get; }
    public TaskSchema Schema => ReachSchema;
    public string TaskText => "reach the target angle";

    public Observation Reset(int seed)
    {
        var rng = new SeededRandom((ulong)(uint)seed);
        _target = Math.Round(rng.Uniform(-60, 60), 1);
        _start = _arm = Math.Round(rng.Uniform(-10, 10), 1);
        _gripper = 50;
        _step = 0;
        _reachedAt = null;
        Resets++;
        return Observe();
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        if (_step == FailAtStep) throw new InvalidOperationException($"fake robot fault at step {_step}");
        var applied = Spec.ClampAction(action);
        _arm += Gain * (applied[0] - _arm);
        _gripper = applied[1];
        _step++;
        Steps++;
        double error = Math.Abs(_arm - _target);
        if (error < SuccessWithinDeg) _reachedAt ??= _step / ControlHz;
        return new StepResult(Observe(), applied, error < DoneWithinDeg);
    }

    public TaskOutcome Conclude(EpisodeEnd end)
    {
        LastEnd = end;
        double error = Math.Abs(_arm - _target);
        var metrics = new Dictionary<string, double> { ["final_error_deg"] = error, ["moved"] = Math.Abs(_arm - _start) > 1 ? 1 : 0 };
        if (_reachedAt is { } t) metrics["time_to_target_s"] = t;
        string label = error < SuccessWithinDeg ? OutcomeClass.SuccessLabel : Math.Sign(_arm) != Math.Sign(_target) ? "WRONG_SIDE" : "SHORT";
        return new TaskOutcome(label, metrics, $"arm at {_arm:0.0} deg, target {_target:0.0} deg after {end.Steps} steps");
    }

    public void RequestCameras(IReadOnlyCollection<string> cameras)
    {
        if (cameras.Count > 0)
            throw new ArgumentException($"the fake arm has no cameras; asked for {string.Join(", ", cameras)}.");
    }

    private Observation Observe() => new(_step, _step / ControlHz,
        new Dictionary<string, double[]> { [FeatureNames.State] = [_arm, _gripper], [FeatureNames.EnvironmentState] = [_target] },
        new Dictionary<string, CameraImage>());

    public void Dispose() { }
}
