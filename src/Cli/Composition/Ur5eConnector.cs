using System.Globalization;
using Harness.Core.Robots;
using Harness.Robots.RealTime;
using Harness.Robots.UR;
using Harness.Robots.Virtual.UR;
using Harness.Twin.Hardware;

namespace Harness.Cli.Composition;

/// <summary>`real ur5e eval`: a UR5e + Robotiq 2F-85 at a controller's address (ports plus --port-offset).</summary>
public sealed record Ur5eConnector(string Host, int PortOffset) : IRealRobotConnector
{
    public const string Scene = "ur5e-pick-place";

    /// <summary>moveJ speed to the start pose (rad/s).</summary>
    public double MoveSpeed { get; init; } = 0.5;

    /// <summary>The servo program's RTDE watchdog (Hz) and the oldest state motion may rely on: the controller side and our side of a lost connection.</summary>
    public double WatchdogHz { get; init; } = 5;
    public TimeSpan MaxStateAge { get; init; } = TimeSpan.FromMilliseconds(100);

    public UrPorts Ports => UrPorts.Default.WithOffset(PortOffset);
    public string Robot => "ur5e_2f85";
    public string DefaultScene => Scene;
    public string OperatorLink => SimUrChannel.LinkFor(Ports);
    public string OperatorStartHint => SimUrChannel.StartHint(PortOffset);

    public RobotSpec SpecFor(RobotSpec twin, IReadOnlyList<CameraSpec> cameras) => Ur5eFollower.SpecFor(twin, cameras);

    public IRealRobotEnv Connect(RealRobotSession s) => Ur5eFollower.Connect(new Ur5eFollowerOptions
    {
        Robot = new UrRobotOptions(Host, Ports) { DryRun = s.DryRun, WatchdogHz = WatchdogHz, MaxStateAge = MaxStateAge },
        TwinSpec = s.Twin.Spec,
        Schema = s.Twin.Env.Schema,
        TaskText = s.Twin.Env.TaskText,
        StartPose = s.Scene.Definition.HomePose,
        Operator = s.Operator,
        Labeler = s.Labeler,
        MoveSpeed = MoveSpeed,
        Cameras = s.Cameras,
        Twin = s.Twin,
        ResetGuide = new SceneResetGuide(s.Twin),
        ResetImageDirectory = s.ResetImageDirectory,
        Log = s.Log,
    });

    public IReadOnlyDictionary<string, object> Describe() => new Dictionary<string, object>
    {
        ["robot"] = Robot, ["host"] = Host, ["port_offset"] = PortOffset,
        ["ports"] = new Dictionary<string, int> { ["dashboard"] = Ports.Dashboard, ["rtde"] = Ports.Rtde, ["secondary"] = Ports.Secondary, ["gripper"] = Ports.Gripper },
    };

    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["movej_speed"] = MoveSpeed.ToString(CultureInfo.InvariantCulture),
        ["watchdog_hz"] = WatchdogHz.ToString(CultureInfo.InvariantCulture),
        ["max_state_age_ms"] = MaxStateAge.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
    };
}
