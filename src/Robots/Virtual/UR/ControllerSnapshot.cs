using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>Everything the controller publishes over RTDE, frozen at the end of one cycle.</summary>
public sealed record ControllerSnapshot(
    long Tick,
    double Timestamp,
    double[] ActualQ,
    double[] ActualQd,
    double[] TargetQ,
    double[] TargetQd,
    double[] ActualTcpPose,
    double[] TargetTcpPose,
    double[] ActualTcpSpeed,
    double[] ElbowPosition,
    UrRobotMode RobotMode,
    UrSafetyMode SafetyMode,
    UrRuntimeState RuntimeState,
    double TargetSpeedFraction,
    double SpeedScaling,
    ulong DigitalOutputBits,
    int[] InputInts,
    double[] InputDoubles,
    bool[] InputBits,
    int[] OutputInts,
    double[] OutputDoubles,
    bool[] OutputBits)
{
    public bool ProgramRunning => RuntimeState == UrRuntimeState.Playing;

    public uint RobotStatusBits =>
        (RobotMode is UrRobotMode.PowerOn or UrRobotMode.Idle or UrRobotMode.Backdrive or UrRobotMode.Running ? 1u : 0u)
        | (ProgramRunning ? 2u : 0u);

    public uint SafetyStatusBits
    {
        get
        {
            uint b = SafetyMode switch
            {
                UrSafetyMode.Normal => 1u << 0,
                UrSafetyMode.Reduced => 1u << 1,
                UrSafetyMode.ProtectiveStop => 1u << 2,
                UrSafetyMode.Recovery => 1u << 3,
                UrSafetyMode.SafeguardStop or UrSafetyMode.AutomaticModeSafeguardStop => 1u << 4,
                UrSafetyMode.SystemEmergencyStop => (1u << 5) | (1u << 7),
                UrSafetyMode.RobotEmergencyStop => (1u << 6) | (1u << 7),
                UrSafetyMode.Violation => 1u << 8,
                UrSafetyMode.Fault => 1u << 9,
                _ => 0u,
            };
            if (SafetyMode.StopsMotion()) b |= 1u << 10;
            return b;
        }
    }

    /// <summary>JOINT_RUNNING_MODE 253, JOINT_IDLE_MODE 255, JOINT_POWER_OFF_MODE 239, JOINT_BOOTING_MODE 247.</summary>
    public int[] JointModes => Enumerable.Repeat(RobotMode switch
    {
        UrRobotMode.Running => 253,
        UrRobotMode.Idle => 255,
        UrRobotMode.PowerOn or UrRobotMode.Booting => 247,
        _ => 239,
    }, 6).ToArray();
}
