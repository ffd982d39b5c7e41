using Harness.Robots.UR.Dashboard;
using Harness.Robots.UR.Gripper;
using Harness.Robots.UR.Motion;
using Harness.Robots.UR.Safety;

namespace Harness.Robots.UR;

/// <summary>
/// A UR5e with a Robotiq 2F-85 as one device: dashboard for modes, RTDE and the servo program for the
/// arm, the URCap socket for the gripper, a <see cref="JointTargetGuard"/> on every streamed target.
/// In a dry run it connects and reads but sends nothing that moves; the commands it would have sent
/// are kept in <see cref="DryRunCommands"/>.
/// </summary>
public sealed class UrRobot : IDisposable
{
    private readonly List<string> _dryRun = new();
    private double[]? _commanded;
    private int? _gripperCommanded;
    private bool _prepared;

    private UrRobot(UrRobotOptions options, DashboardClient dashboard, UrArm arm, RobotiqGripper? gripper)
    {
        Options = options;
        Dashboard = dashboard;
        Arm = arm;
        GripperDevice = gripper;
    }

    public UrRobotOptions Options { get; }
    public DashboardClient Dashboard { get; }
    public UrArm Arm { get; }
    public RobotiqGripper? GripperDevice { get; }
    public IReadOnlyList<string> DryRunCommands => _dryRun;

    /// <summary>Speed-slider and similar warnings.</summary>
    public event Action<string>? Warning
    {
        add => Arm.Monitor.Warning += value;
        remove => Arm.Monitor.Warning -= value;
    }

    /// <summary>Connects dashboard, RTDE and gripper socket. Moves nothing.</summary>
    public static UrRobot Connect(UrRobotOptions options)
    {
        var dashboard = DashboardClient.Connect(options.Host, options.Ports.Dashboard);
        UrArm? arm = null;
        try
        {
            arm = UrArm.Connect(new UrArmOptions(options.Host, options.Ports) { WatchdogHz = options.WatchdogHz, MaxStateAge = options.MaxStateAge });
            var gripper = options.UseGripper ? RobotiqGripper.Connect(options.Host, options.Ports.Gripper) : null;
            return new UrRobot(options, dashboard, arm, gripper);
        }
        catch
        {
            arm?.Dispose();
            dashboard.Dispose();
            throw;
        }
    }

    public UrStatus Status()
    {
        var s = Arm.NextState(TimeSpan.FromSeconds(1));
        return new UrStatus(Arm.ControllerVersion, s.RobotMode, s.SafetyMode, s.RuntimeState, Dashboard.IsInRemoteControl(),
            s.ActualQ, s.ActualTcpPose, s.TargetSpeedFraction, GripperDevice?.Status());
    }

    /// <summary>
    /// Checks remote control and safety, then (not in a dry run) starts the servo program and activates
    /// the gripper. The arm must already be powered with brakes released (an operator's decision).
    /// </summary>
    public void Prepare()
    {
        if (!Dashboard.IsInRemoteControl())
            throw new DashboardException($"UR controller {Options.Host} is in Local Control: programs sent over the network will not run. " +
                "Switch to Remote Control on the teach pendant (top right) and try again.");
        Dashboard.EnsureSafetyNormal();
        var s = Arm.CurrentState();
        Arm.Monitor.Check(s);
        _commanded = s.ActualQ.ToArray();
        if (Options.DryRun)
        {
            _dryRun.Add("start harness servo program");
            if (GripperDevice is not null) _dryRun.Add("activate gripper");
        }
        else
        {
            GripperDevice?.Activate(Options.GripperTimeout);
            Arm.StartProgram();
        }
        _prepared = true;
    }

    /// <summary>A slow joint move (moveJ), e.g. to the episode's start pose.</summary>
    public void MoveTo(IReadOnlyList<double> q, double speed, double acceleration, TimeSpan timeout)
    {
        RequirePrepared();
        if (Options.DryRun)
        {
            Arm.Monitor.Check(Arm.CurrentState());
            _dryRun.Add($"movej q=[{string.Join(", ", q.Select(v => v.ToString("0.####")))}] v={speed} a={acceleration}");
        }
        else Arm.MoveJ(q, speed, acceleration, timeout);
        _commanded = q.ToArray();
    }

    /// <summary>Moves the gripper (0 open .. 255 closed) and waits until it stops, e.g. to the episode's start opening.</summary>
    public void MoveGripper(int position, TimeSpan timeout)
    {
        RequirePrepared();
        if (GripperDevice is null) return;
        if (Options.DryRun) _dryRun.Add($"gripper POS {position} (wait)");
        else GripperDevice.MoveAndWait(position, timeout);
        _gripperCommanded = position;
    }

    /// <summary>
    /// One control step: the guarded joint target streamed with servoj over <paramref name="dt"/> seconds,
    /// the gripper (0 open .. 255 closed) commanded when it changes. Returns what was applied.
    /// </summary>
    public GuardedTarget Step(IReadOnlyList<double> q, int? gripperPosition, double dt)
    {
        RequirePrepared();
        var guarded = Options.Guard.Apply(_commanded!, q, dt);
        if (Options.DryRun)
        {
            Arm.Monitor.Check(Arm.CurrentState());
            _dryRun.Add($"servoj q=[{string.Join(", ", guarded.Target.Select(v => v.ToString("0.####")))}] t={dt}");
            if (gripperPosition is { } g && g != _gripperCommanded) _dryRun.Add($"gripper POS {g}");
        }
        else
        {
            Arm.ServoJ(guarded.Target, dt, Options.ServoLookahead, Options.ServoGain);
            if (gripperPosition is { } g && g != _gripperCommanded) GripperDevice?.Move(g);
        }
        _commanded = guarded.Target;
        if (gripperPosition is not null) _gripperCommanded = gripperPosition;
        return guarded;
    }

    /// <summary>Stops streaming; the program decelerates and holds.</summary>
    public void Hold()
    {
        if (_prepared && !Options.DryRun) Arm.Idle();
    }

    private void RequirePrepared()
    {
        if (!_prepared) throw new InvalidOperationException("call Prepare() before moving the robot.");
    }

    public void Dispose()
    {
        try
        {
            if (_prepared && !Options.DryRun && Arm.Rtde.IsConnected) Arm.StopProgram(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is TimeoutException or UrProgramNotRunningException or Rtde.RtdeException) { }
        GripperDevice?.Dispose();
        Arm.Dispose();
        Dashboard.Dispose();
    }
}
