using System.Diagnostics;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Media.Images;
using Harness.Robots.Cameras;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Robots.Serial;
using Harness.Core.IO;

namespace Harness.Robots.So101;

/// <summary>
/// A real SO-101 follower as an <see cref="IRobotEnv"/>: the simulated twin's spec, LeRobot's
/// connect sequence and units, steps paced on the monotonic clock, and safety around every move:
/// joint limits and a maximum change per step (LeRobot's max_relative_target) on every target, a
/// watchdog that holds position when actions stop coming, slow interpolated moves to the start
/// pose and (before torque off, on every exit) to the rest pose, and a plain account of the arm's
/// state when the bus is lost. A dry run reads and logs but never writes a goal or switches torque on.
/// Cameras, when configured, are checked for size and rate at connect and for staleness at every
/// step. Pre-flight never moves it (<see cref="IPreflightProbeSource"/>): probes are the measured
/// state and the simulated twin's reset states.
/// </summary>
public sealed class So101Follower : IRobotEnv, IPreflightProbeSource
{
    private readonly So101FollowerOptions _o;
    private readonly So101Arm _arm;
    private readonly Thread _watchdog;
    private readonly Lock _gate = new();
    private double[] _measured;
    private int _step;
    private int _seed;
    private bool _episodeActive;
    private bool _held;
    private long _lastCommand;
    private string? _halt;
    private bool _busGone;
    private volatile bool _disposed;
    private readonly HashSet<string> _requested = [];

    private So101Follower(So101FollowerOptions options, RobotSpec spec, So101Arm arm)
    {
        _o = options;
        Spec = spec;
        _arm = arm;
        Pacer = new ControlPacer(spec.ControlHz);
        _measured = Guard(() => arm.ReadPositions(options.Calibration));
        _watchdog = new Thread(WatchdogLoop) { IsBackground = true, Name = "so101-watchdog" };
        _watchdog.Start();
    }

    /// <summary>Opens the port, checks the arm and (unless dry) configures it as LeRobot does, holding position.</summary>
    public static So101Follower Connect(So101FollowerOptions options)
    {
        var motors = So101Motors.Follower(options.Degrees);
        var spec = SpecFor(options.TwinSpec, motors, options.Cameras?.Specs);
        RequirePose(spec, options.StartPose, "start pose");
        RequirePose(spec, options.RestPose, "rest pose");
        FeetechBus bus;
        try { bus = new FeetechBus(SerialPortLink.Open(options.Port), options.Bus); }
        catch
        {
            options.Cameras?.Dispose();
            throw;
        }
        try
        {
            var arm = new So101Arm(bus, motors);
            if (options.DryRun) arm.Verify(options.Calibration);
            else if (arm.Connect(options.Calibration, options.Settings, holdPosition: true))
                options.Log.WriteLine("the servos' calibration differed from the file; the file's calibration was written to them.");
            return new So101Follower(options, spec, arm);
        }
        catch
        {
            bus.Dispose();
            options.Cameras?.Dispose();
            throw;
        }
    }

    public RobotSpec Spec { get; }
    public TaskSchema Schema => _o.Schema;
    public string TaskText => _o.TaskText;

    /// <summary>The loop's clock; <see cref="LoopTimingObserver"/> reads each episode's timing from it.</summary>
    public ControlPacer Pacer { get; }

    /// <summary>The last measured joint positions (robot units).</summary>
    public IReadOnlyList<double> Measured => _measured;

    /// <summary>How often the watchdog had to hold the arm because actions stopped coming.</summary>
    public int WatchdogHolds { get; private set; }

    /// <summary>Actions a dry run would have sent (and logged instead).</summary>
    public int DryRunActions { get; private set; }

    /// <summary>
    /// The real robot's spec: the twin's joints (keys, units, limits), rate and step limit, with only
    /// the features a real SO-101 provides (state and action; the configured cameras, at the
    /// resolution they deliver). Refuses a twin whose joints are not LeRobot's SO-101 motors in
    /// LeRobot's units.
    /// </summary>
    public static RobotSpec SpecFor(RobotSpec twin, IReadOnlyList<So101Motor> motors, IReadOnlyList<CameraSpec>? cameras = null)
    {
        var expected = motors.Select(m => (m.FeatureKey, Unit(m.Mode))).ToArray();
        var found = twin.Joints.Select(j => (j.Key, j.Unit)).ToArray();
        if (!expected.SequenceEqual(found))
            throw new So101Exception(
                $"the simulated twin's joints ({string.Join(", ", found.Select(f => $"{f.Key} [{f.Unit}]"))}) are not an SO-101 follower's " +
                $"as LeRobot reads it ({string.Join(", ", expected.Select(e => $"{e.FeatureKey} [{e.Item2}]"))}); " +
                "use an SO-101 scene, or --units m100 for data recorded with LeRobot 0.4.0.");
        cameras ??= [];
        return new RobotSpec(twin.RobotType, twin.Joints, cameras, twin.ControlHz, twin.MaxEpisodeSteps,
            [.. RobotSpec.JointFeatures(twin.Joints), .. cameras.Select(RobotSpec.CameraFeature)], twin.Action);
    }

    private static string Unit(MotorNormMode mode) => mode switch
    {
        MotorNormMode.Degrees => Units.Degrees,
        MotorNormMode.Range0To100 => Units.Percent,
        _ => Units.PlusMinus100,
    };

    public void RequestCameras(IReadOnlyCollection<string> cameras)
    {
        var configured = _o.Cameras?.Names ?? [];
        var missing = cameras.Where(c => !configured.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"the policy reads {string.Join(", ", missing.Select(FeatureNames.Image))}, but " +
                (configured.Count == 0 ? "this SO-101 has no cameras configured" : $"this SO-101's cameras are {string.Join(", ", configured)}") +
                $"; add them with --cameras {missing[0]}=/dev/v4l/by-id/... (or an MJPEG/RTSP URL).");
        _requested.UnionWith(cameras);
    }

    /// <summary>
    /// Pre-flight probes that move nothing: the arm's measured state now (with the requested
    /// images), then, when a simulated twin is configured, the twin's reset states for the first
    /// episode seeds of the run and a few steps holding each (their state features only).
    /// </summary>
    public PreflightContext Probe(int runSeed, string taskText)
    {
        Usable();
        _measured = Guard(() => _arm.ReadPositions(_o.Calibration));
        var resets = new List<Observation> { Observe() };
        var steps = new List<Observation>();
        if (_o.Twin is { } twin)
            for (int e = 0; e < PreflightContext.ProbeEpisodes; e++)
            {
                var probe = twin.Probe(EpisodeSeeds.For(runSeed, e), PreflightContext.ProbeSteps, _requested).Select(RealFeaturesOnly).ToList();
                resets.Add(probe[0]);
                steps.AddRange(probe.Skip(1));
            }
        return new PreflightContext(Spec, taskText, resets, steps);
    }

    // A twin observation as this robot would give it: its features only (no privileged state).
    private Observation RealFeaturesOnly(Observation o) => o with
    {
        Vectors = o.Vectors.Where(v => Spec.Feature(v.Key) is not null).ToDictionary(),
        Images = o.Images.Where(i => Spec.Feature(i.Key) is not null).ToDictionary(),
    };

    public Observation Reset(int seed)
    {
        Usable();
        lock (_gate) _episodeActive = false;
        if (_o.DryRun) _o.Log.WriteLine($"dry run: would move slowly to the start pose [{Format(_o.StartPose)}].");
        else MoveSlowly(_o.StartPose, "the start pose");
        GuideReset(seed);
        _o.Operator.Perform(new OperatorRequest(OperatorAction.ResetScene,
            $"Reset the scene for the episode with seed {seed} (keep clear of the arm), then press ENTER...", [], seed));
        _seed = seed;
        _step = 0;
        _measured = Guard(() => _arm.ReadPositions(_o.Calibration));
        Pacer.StartAtNextTick();
        lock (_gate)
        {
            _lastCommand = Stopwatch.GetTimestamp();
            _held = false;
            _episodeActive = true;
        }
        return Observe();
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        Usable();
        var target = Spec.ClampAction(_o.Safety.LimitRelative(Spec.ClampAction(action), _measured));
        Pacer.WaitForTick();
        if (_o.DryRun)
        {
            DryRunActions++;
            _o.Log.WriteLine($"dry run step {_step}: would send [{Format(target)}]");
        }
        else Guard(() => _arm.WriteGoals(_o.Calibration, target));
        lock (_gate)
        {
            _lastCommand = Stopwatch.GetTimestamp();
            _held = false;
        }
        _measured = Guard(() => _arm.ReadPositions(_o.Calibration));
        _step++;
        return new StepResult(Observe(), target, false);
    }

    public TaskOutcome Conclude(EpisodeEnd end)
    {
        lock (_gate) _episodeActive = false;
        return _o.Labeler.Label(Schema, end, _seed);
    }

    private Observation Observe() => new(_step, _step / Spec.ControlHz,
        new Dictionary<string, double[]> { [FeatureNames.State] = _measured.ToArray() },
        _requested.Count == 0 ? new Dictionary<string, CameraImage>() : _o.Cameras!.Capture(_requested));

    /// <summary>Prints where the episode's objects go and writes each camera's live image with the targets drawn.</summary>
    private void GuideReset(int seed)
    {
        if (_o.ResetGuide is not { } guide) return;
        var live = _o.Cameras is { } cams
            ? cams.Capture(cams.Names).ToDictionary(kv => FeatureNames.CameraOf(kv.Key), kv => kv.Value)
            : new Dictionary<string, CameraImage>();
        var guidance = guide.Describe(seed, live);
        _o.Log.WriteLine($"episode seed {seed}: {guidance.Text}");
        if (_o.ResetImageDirectory is not { } dir) return;
        Directory.CreateDirectory(dir);
        foreach (var (camera, image) in guidance.Overlays)
        {
            string path = Path.Combine(dir, $"reset_seed_{seed}_{camera}.png");
            AtomicFile.Replace(path, temp => PngEncoder.Write(temp, image));
            _o.Log.WriteLine($"  where it goes, drawn over the live {camera} image: {path}");
        }
    }

    /// <summary>Interpolates from where the arm is to <paramref name="pose"/> at the safety speeds, then waits for it to arrive.</summary>
    private void MoveSlowly(IReadOnlyList<double> pose, string what)
    {
        var target = Spec.ClampAction(pose);
        // Fault bits do not stop a safety move (a hot servo must still be put down gently).
        var from = Guard(() => _arm.ReadPositions(_o.Calibration, ignoreFaults: true));
        double seconds = 0;
        for (int i = 0; i < target.Length; i++)
            seconds = Math.Max(seconds, Math.Abs(target[i] - from[i]) / Speed(i));
        int n = Math.Max(1, (int)Math.Ceiling(seconds * Spec.ControlHz));
        Pacer.Start();
        for (int k = 1; k <= n; k++)
        {
            Pacer.WaitForTick();
            var goal = from.Select((f, i) => f + (target[i] - f) * k / n).ToArray();
            Guard(() => _arm.WriteGoals(_o.Calibration, goal));
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(_o.Safety.ArrivalTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            _measured = Guard(() => _arm.ReadPositions(_o.Calibration, ignoreFaults: true));
            int worst = Enumerable.Range(0, target.Length).MaxBy(i => Math.Abs(_measured[i] - target[i]));
            if (Math.Abs(_measured[worst] - target[worst]) <= _o.Safety.ArrivalTolerance) return;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new So101Exception(
                    $"the arm did not reach {what}: {Spec.Joints[worst].Key} is at {_measured[worst]:0.#} {Spec.Joints[worst].Unit}, " +
                    $"target {target[worst]:0.#} (tolerance {_o.Safety.ArrivalTolerance}). Check that nothing blocks the arm.");
            Thread.Sleep(Pacer.Period);
        }
    }

    private double Speed(int joint) =>
        Spec.Joints[joint].IsGripper ? _o.Safety.SlowMoveGripperPerSecond : _o.Safety.SlowMoveDegreesPerSecond;

    private void WatchdogLoop()
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, Pacer.Period.TotalMilliseconds / 2));
        while (!_disposed)
        {
            Thread.Sleep(poll);
            bool hold;
            lock (_gate)
            {
                hold = _episodeActive && !_held && !_o.DryRun && _halt is null
                       && Stopwatch.GetElapsedTime(_lastCommand) > _o.Safety.Watchdog;
                if (hold) _held = true;
            }
            if (!hold) continue;
            try
            {
                _arm.HoldPosition();
                WatchdogHolds++;
                _o.Log.WriteLine($"watchdog: no action for {_o.Safety.Watchdog.TotalMilliseconds:0} ms; every servo holds where it is.");
            }
            catch (Exception e) when (e is FeetechException or SerialLinkException)
            {
                _o.Log.WriteLine($"watchdog: could not hold position: {e.Message}");
            }
        }
    }

    private T Guard<T>(Func<T> busCall)
    {
        if (_busGone) throw new So101Exception($"the SO-101 is halted: {_halt}");
        try
        {
            return busCall();
        }
        catch (SerialLinkLostException e)
        {
            throw Halt(true, $"the servo bus on {_o.Port} is gone ({e.Message}). Nothing reaches the servos any more: " +
                             $"if they still have power, torque is on and the arm holds its last goal; if they lost power, the arm falls. " +
                             $"Last measured pose: [{Format(_measured)}]. Support the arm, switch off its power, check the cable, then run again.", e);
        }
        catch (FeetechException e)
        {
            throw Halt(false, $"the SO-101 stopped: {e.Message} Commands stopped; torque stays on until the arm has moved to its rest pose, " +
                              $"then it is switched off. Last measured pose: [{Format(_measured)}].", e);
        }
    }

    private void Guard(Action busCall) => Guard(() => { busCall(); return 0; });

    private So101Exception Halt(bool busGone, string message, Exception cause)
    {
        lock (_gate)
        {
            _halt ??= message;
            _busGone |= busGone;
            _episodeActive = false;
        }
        _o.Log.WriteLine(message);
        return new So101Exception(message, cause);
    }

    private void Usable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_halt is { } why) throw new So101Exception($"the SO-101 is halted and takes no more commands: {why}");
    }

    /// <summary>
    /// On every exit (end of run, Ctrl-C, exception): a slow move to the rest pose, then torque off.
    /// Skipped when the bus is gone (nothing would arrive) or in a dry run (nothing was switched on).
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _watchdog.Join();
        lock (_gate) _episodeActive = false;
        if (!_o.DryRun && !_busGone)
        {
            try
            {
                MoveSlowly(_o.RestPose, "the rest pose");
            }
            catch (Exception e) when (e is So101Exception or FeetechException or SerialLinkException)
            {
                _o.Log.WriteLine($"could not move to the rest pose ({e.Message}); switching torque off where the arm is: support it.");
            }
            try
            {
                _arm.DisableTorque();
            }
            catch (Exception e) when (e is FeetechException or SerialLinkException or So101Exception)
            {
                _o.Log.WriteLine($"could not switch torque off ({e.Message}): the arm may still hold its pose; switch off its power supply.");
            }
        }
        _arm.Bus.Dispose();
        _o.Cameras?.Dispose();
    }

    private static string Format(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0.##")));

    private static void RequirePose(RobotSpec spec, IReadOnlyList<double> pose, string name)
    {
        if (pose.Count != spec.Joints.Count)
            throw new ArgumentException($"the {name} has {pose.Count} values; the SO-101 has {spec.Joints.Count} joints ({string.Join(", ", spec.Joints.Select(j => j.Key))}).");
        for (int i = 0; i < pose.Count; i++)
            if (pose[i] < spec.Joints[i].Min || pose[i] > spec.Joints[i].Max)
                throw new ArgumentException($"the {name}'s {spec.Joints[i].Key} = {pose[i]} is outside its limits [{spec.Joints[i].Min}, {spec.Joints[i].Max}].");
    }
}
