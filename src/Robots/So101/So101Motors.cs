namespace Harness.Robots.So101;

/// <summary>One SO-101 motor: LeRobot's name (the feature key is <c>&lt;name&gt;.pos</c>), servo id, units.</summary>
public sealed record So101Motor(string Name, byte Id, MotorNormMode Mode)
{
    public string FeatureKey => Name + ".pos";
}

/// <summary>The SO-101 follower's six STS3215 servos, as LeRobot declares them.</summary>
public static class So101Motors
{
    public const string Gripper = "gripper";

    /// <summary>The joint LeRobot's calibration treats as full-turn (range forced to 0..4095).</summary>
    public const string WristRoll = "wrist_roll";

    /// <param name="degrees">True (LeRobot's default since 0.4.x): body joints in degrees; false: RANGE_M100_100 as in 0.4.0.</param>
    public static IReadOnlyList<So101Motor> Follower(bool degrees = true)
    {
        var body = degrees ? MotorNormMode.Degrees : MotorNormMode.RangeM100To100;
        return
        [
            new("shoulder_pan", 1, body),
            new("shoulder_lift", 2, body),
            new("elbow_flex", 3, body),
            new("wrist_flex", 4, body),
            new(WristRoll, 5, body),
            new(Gripper, 6, MotorNormMode.Range0To100),
        ];
    }
}
