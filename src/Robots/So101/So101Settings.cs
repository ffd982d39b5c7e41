namespace Harness.Robots.So101;

/// <summary>
/// What LeRobot writes to an SO follower's servos at connect (config_so_follower.py and
/// FeetechMotorsBus.configure_motors): position PID, fastest replies, brisk acceleration, and a
/// gripper limited to half torque and current so it cannot burn out holding an object.
/// </summary>
public sealed record So101Settings
{
    public int PCoefficient { get; init; } = 16;
    public int ICoefficient { get; init; } = 0;
    public int DCoefficient { get; init; } = 32;
    public int ReturnDelayTime { get; init; } = 0;
    public int MaximumAcceleration { get; init; } = 254;
    public int Acceleration { get; init; } = 254;
    public int GripperMaxTorqueLimit { get; init; } = 500;
    public int GripperProtectionCurrent { get; init; } = 250;
    public int GripperOverloadTorque { get; init; } = 25;

    public static So101Settings LeRobot { get; } = new();
}
