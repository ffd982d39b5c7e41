namespace Harness.Robots.UR;

/// <summary>
/// What a UR controller reports in one RTDE output package of <see cref="Rtde.UrStateRecipe"/>.
/// Joint values in radians, TCP pose as (x, y, z, rx, ry, rz) in metres and an axis-angle vector.
/// </summary>
public sealed record UrRobotState(
    double Timestamp,
    double[] ActualQ,
    double[] ActualQd,
    double[] TargetQ,
    double[] ActualTcpPose,
    double[] ActualTcpSpeed,
    UrRobotMode RobotMode,
    UrSafetyMode SafetyMode,
    UrRuntimeState RuntimeState,
    uint RobotStatusBits,
    uint SafetyStatusBits,
    double TargetSpeedFraction,
    double SpeedScaling,
    IReadOnlyList<int> OutputIntRegisters,
    long ReceivedAt)
{
    // robot_status_bits
    public bool IsPowerOn => (RobotStatusBits & 1) != 0;
    public bool IsProgramRunning => (RobotStatusBits & 2) != 0;

    // safety_status_bits
    public bool IsProtectiveStopped => (SafetyStatusBits & (1u << 2)) != 0;
    public bool IsEmergencyStopped => (SafetyStatusBits & (1u << 7)) != 0;
}
