using Harness.Robots.UR.Gripper;
using Harness.Robots.UR.Rtde;

namespace Harness.Robots.UR;

/// <summary>What `real ur5e status` shows: modes, program, joints, tool, slider, gripper.</summary>
public sealed record UrStatus(
    ControllerVersion ControllerVersion,
    UrRobotMode RobotMode,
    UrSafetyMode SafetyMode,
    UrRuntimeState RuntimeState,
    bool RemoteControl,
    double[] JointPositions,
    double[] TcpPose,
    double TargetSpeedFraction,
    RobotiqStatus? Gripper);
