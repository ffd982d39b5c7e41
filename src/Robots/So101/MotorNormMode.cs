namespace Harness.Robots.So101;

/// <summary>LeRobot's units for a motor's position (its MotorNormMode).</summary>
public enum MotorNormMode
{
    /// <summary>Degrees from the middle of the calibrated range (LeRobot's default for SO-101 body joints).</summary>
    Degrees,
    /// <summary>0 at range_min .. 100 at range_max (the gripper).</summary>
    Range0To100,
    /// <summary>-100 .. 100 over the calibrated range (body joints in LeRobot 0.4.0 and data recorded then).</summary>
    RangeM100To100,
}
