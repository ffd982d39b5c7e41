namespace Harness.Core.Kinematics;

/// <summary>A tool pose in the robot base frame: position (m) and orientation.</summary>
public sealed record ToolPose(Vec3 Position, Rotation Orientation);
