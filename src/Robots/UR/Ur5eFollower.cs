using System.Globalization;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Robots.Cameras;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Robots.Twin;
using Harness.Robots.UR.Dashboard;
using Harness.Robots.UR.Gripper;
using Harness.Robots.UR.Rtde;

namespace Harness.Robots.UR;

/// <summary>
/// A real UR5e with a Robotiq 2F-85 as an <see cref="IRobotEnv"/>: the simulated twin's spec
/// (observation.state and action: the six joints in rad as RTDE's actual_q and servoj take them,
/// then the gripper as the Robotiq position register / 255), steps paced on the monotonic clock,
/// each target through <see cref="UrRobot"/>'s guard and streamed with servoj over one period,
/// a moveJ to the start pose before each episode, protective stops and lost connections halting
/// commands with a plain account. Pre-flight never moves it. A dry run connects and reads state and
/// cameras, runs the policy and logs every command it would send; nothing is sent that moves.
/// </summary>
public sealed class Ur5eFollower : IRealRobotEnv
{
    public const int Values = 7;

    private readonly Ur5eFollowerOptions _o;
    private readonly UrRobot _robot;
    private readonly HashSet<string> _requested = [];
    private double[] _measured = new double[Values];
    private RobotiqObjectStatus? _object;
    private int _step;
    private int _seed;
    private string? _halt;
    private bool _disposed;

    private Ur5eFollower(Ur5eFollowerOptions options, RobotSpec spec, UrRobot robot)
    {
        _o = options;
        Spec = spec;
        _robot = robot;
        Pacer = new ControlPacer(spec.ControlHz);
    }

    /// <summary>Connects, checks remote control and safety and (unless dry) starts the servo program and activates the gripper. Moves nothing.</summary>
    public static Ur5eFollower Connect(Ur5eFollowerOptions options)
    {
        var spec = SpecFor(options.TwinSpec, options.Cameras?.Specs);
        if (options.StartPose.Count != Values)
            throw new ArgumentException($"the start pose has {options.StartPose.Count} values; a UR5e + 2F-85 has {Values} ({string.Join(", ", spec.Joints.Select(j => j.Key))}).");
        UrRobot robot;
        try { robot = UrRobot.Connect(options.Robot); }
        catch
        {
            options.Cameras?.Dispose();
            throw;
        }
        try
        {
            robot.Warning += w => options.Log.WriteLine($"warning: {w}");
            robot.Prepare();
            var follower = new Ur5eFollower(options, spec, robot);
            follower.Measure();
            return follower;
        }
        catch
        {
            robot.Dispose();
            options.Cameras?.Dispose();
            throw;
        }
    }

    public RobotSpec Spec { get; }
    public TaskSchema Schema => _o.Schema;
    public string TaskText => _o.TaskText;
    public ControlPacer Pacer { get; }

    /// <summary>
    /// The 2F-85's object detection (OBJ, one value: 0 moving, 1 / 2 stopped by an object while opening /
    /// closing, 3 arrived without one) as an observation feature beside <c>observation.state</c>; policies
    /// that do not declare it never read it. Absent without a gripper.
    /// </summary>
    public const string ObjectFeature = "observation.gripper_object";
    public UrRobot Robot => _robot;
    public IReadOnlyList<double> Measured => _measured;

    /// <summary>Commands a dry run would have sent (and logged instead).</summary>
    public IReadOnlyList<string> DryRunCommands => _robot.DryRunCommands;

    /// <summary>
    /// The real robot's spec: the twin's 7 elements (six joints in rad, then a gripper in 0..1), rate
    /// and step limit, with only the features a real UR5e gives (state and action; the configured
    /// cameras at the resolution they deliver). Refuses any other twin.
    /// </summary>
    public static RobotSpec SpecFor(RobotSpec twin, IReadOnlyList<CameraSpec>? cameras = null)
    {
        var found = twin.Joints.Select(j => $"{j.Key} [{j.Unit}]").ToArray();
        bool fits = twin.Joints.Count == Values
                    && twin.Joints.Take(6).All(j => j.Unit == Units.Radians && !j.IsGripper)
                    && twin.Joints[6].IsGripper && twin.Joints[6].Unit == Units.Fraction;
        if (!fits)
            throw new ArgumentException(
                $"the simulated twin's joints ({string.Join(", ", found)}) are not a UR5e + 2F-85's: six arm joints in {Units.Radians} " +
                $"(actual_q order), then the gripper in {Units.Fraction} (Robotiq position / 255); use the ur5e-pick-place scene.");
        cameras ??= [];
        return new RobotSpec(twin.RobotType, twin.Joints, cameras, twin.ControlHz, twin.MaxEpisodeSteps,
            [.. RobotSpec.JointFeatures(twin.Joints), .. cameras.Select(RobotSpec.CameraFeature)], twin.Action);
    }

    public void RequestCameras(IReadOnlyCollection<string> cameras)
    {
        CameraRequest.Require(_o.Cameras, cameras, "this UR5e", "http://... (an MJPEG URL, e.g. from sim-ur) or a /dev/v4l/by-id/... device");
        _requested.UnionWith(cameras);
    }

    public PreflightContext Probe(int runSeed, string taskText)
    {
        Usable();
        Measure();
        return TwinProbes.Probe(Spec, Observe(), _o.Twin, runSeed, taskText, _requested);
    }

    public Observation Reset(int seed)
    {
        Usable();
        var start = Spec.ClampAction(_o.StartPose);
        if (_o.Robot.DryRun) _o.Log.WriteLine($"dry run: would moveJ to the start pose [{Format(start)}] and set the gripper to {Register(start[6])}.");
        Guard(() =>
        {
            _robot.MoveTo(start.Take(6).ToArray(), _o.MoveSpeed, _o.MoveAcceleration, _o.MoveTimeout);
            _robot.MoveGripper(Register(start[6]), _o.Robot.GripperTimeout);
        });
        ResetGuideOutput.Show(_o.ResetGuide, _o.Cameras, seed, _o.Log, _o.ResetImageDirectory);
        _o.Operator.Perform(new OperatorRequest(OperatorAction.ResetScene,
            $"Reset the scene for the episode with seed {seed} (keep clear of the arm), then press ENTER...", [], seed));
        _seed = seed;
        _step = 0;
        _object = null;
        Measure();
        Pacer.StartAtNextTick();
        return Observe();
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        Usable();
        var target = Spec.ClampAction(action);
        int gripper = Register(target[6]);
        Pacer.WaitForTick();
        var guarded = Guard(() => _robot.Step(target.Take(6).ToArray(), gripper, 1 / Spec.ControlHz));
        if (_o.Robot.DryRun) _o.Log.WriteLine($"dry run step {_step}: would send servoj [{Format(guarded.Target)}], gripper {gripper}");
        else if (guarded.Changed) _o.Log.WriteLine($"step {_step}: target limited: {string.Join("; ", guarded.Changes)}");
        Measure();
        _step++;
        return new StepResult(Observe(), [.. guarded.Target, gripper / 255.0], false);
    }

    public TaskOutcome Conclude(EpisodeEnd end)
    {
        // Streaming ends here: the program decelerates and holds (its watchdog would stop it otherwise).
        if (_halt is null) Guard(() => _robot.Hold());
        return _o.Labeler.Label(Schema, end, _seed);
    }

    private static int Register(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 255);

    private void Measure() => Guard(() =>
    {
        var q = _robot.Arm.CurrentState().ActualQ;
        var status = _robot.GripperDevice?.Status();
        _measured = [.. q, status is null ? 0 : status.Position / 255.0];
        if (status is not null && status.Object != _object && status.HasObject)
            _o.Log.WriteLine($"step {_step}: the 2F-85 holds an object (OBJ {(int)status.Object}, {status.Object}) at position {status.Position}");
        _object = status?.Object;
    });

    private Observation Observe()
    {
        var features = new Dictionary<string, double[]> { [FeatureNames.State] = _measured.ToArray() };
        if (_object is { } obj) features[ObjectFeature] = [(int)obj];
        return new(_step, _step / Spec.ControlHz, features,
            _requested.Count == 0 ? new Dictionary<string, CameraImage>() : _o.Cameras!.Capture(_requested));
    }

    private T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is UrSafetyStopException or UrProgramNotRunningException)
        {
            throw Halt($"the UR5e stopped: {e.Message} Nothing more is sent. Last measured pose: [{Format(_measured)}].", e);
        }
        catch (Exception e) when (e is RtdeException or DashboardException or RobotiqException or IOException)
        {
            throw Halt($"the connection to the UR controller {_o.Robot.Host} failed: {e.Message} Nothing more is sent; " +
                       "the controller's RTDE watchdog stops our program within 200 ms, so the arm stops and holds with its brakes. " +
                       $"Last measured pose: [{Format(_measured)}]. Check the network and the pendant's log, then run again.", e);
        }
    }

    private void Guard(Action call) => Guard(() => { call(); return 0; });

    private Ur5eException Halt(string message, Exception cause)
    {
        _halt ??= message;
        _o.Log.WriteLine(message);
        return new Ur5eException(message, cause);
    }

    private void Usable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_halt is { } why) throw new Ur5eException($"the UR5e is halted and takes no more commands: {why}");
    }

    private static string Format(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));

    /// <summary>On every exit: streaming stops (stopj, hold), then the servo program ends; the controller keeps the arm where it stopped.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (_halt is null) _robot.Hold();
        }
        catch (Exception e) when (e is RtdeException or UrProgramNotRunningException or IOException)
        {
            _o.Log.WriteLine($"could not stop streaming cleanly ({e.Message}); the controller's watchdog stops the program.");
        }
        _robot.Dispose();
        _o.Cameras?.Dispose();
    }
}

/// <summary>The real UR5e stopped or cannot be used; the message says in what state and what to do.</summary>
public sealed class Ur5eException(string message, Exception? inner = null) : Exception(message, inner);
