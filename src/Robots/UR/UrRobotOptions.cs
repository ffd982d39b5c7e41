using Harness.Robots.UR.Kinematics;
using Harness.Robots.UR.Safety;

namespace Harness.Robots.UR;

/// <summary>How to connect to and drive a UR5e with a Robotiq 2F-85.</summary>
public sealed record UrRobotOptions(string Host, UrPorts Ports)
{
    /// <summary>Connect and read everything, send nothing that moves (no program, no gripper commands).</summary>
    public bool DryRun { get; init; }

    public bool UseGripper { get; init; } = true;
    public double WatchdogHz { get; init; } = 5;

    /// <summary>The oldest RTDE state motion may rely on (<see cref="Motion.UrArmOptions.MaxStateAge"/>).</summary>
    public TimeSpan MaxStateAge { get; init; } = TimeSpan.FromMilliseconds(100);
    public double ServoLookahead { get; init; } = 0.1;
    public double ServoGain { get; init; } = 300;
    public TimeSpan GripperTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Rules every streamed target passes (<see cref="DefaultGuard"/> unless set).</summary>
    public JointTargetGuard Guard { get; init; } = DefaultGuard();

    /// <summary>
    /// Conservative limits for evaluating policies: at most 0.1 rad per step and 1.5 rad/s per joint
    /// (the UR5e allows 3.14), the tool at most 0.5 m/s, the flange inside the UR5e's reach above its
    /// mounting plane (x, y within +-0.85 m, z 0..1.0 m).
    /// </summary>
    public static JointTargetGuard DefaultGuard() => new(
        new MaxStepChange(0.1),
        new JointSpeedLimit(Enumerable.Repeat(1.5, 6).ToArray()),
        new TcpSpeedLimit(0.5, UrKinematics.Ur5e),
        new WorkspaceBox([-0.85, -0.85, 0.0], [0.85, 0.85, 1.0], UrKinematics.Ur5e));
}
