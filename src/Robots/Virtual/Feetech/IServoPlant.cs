namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// The physics behind emulated servos: each control tick it gets every servo's goal, torque flag
/// and (when a person holds the joint) the hand's position, and returns what the servos measure.
/// Positions are encoder ticks in the servo's own frame (before Homing_Offset), 0..4095.
/// Servo i of the bus is joint i of the plant.
/// </summary>
public interface IServoPlant
{
    /// <summary>The reachable range of each joint, in encoder ticks: where a person can move it.</summary>
    IReadOnlyList<ServoTravel> Travel { get; }

    /// <summary>Advances by <paramref name="dt"/> (zero on the first call: report the initial state).</summary>
    void Step(ReadOnlySpan<ServoCommand> commands, Span<ServoReading> readings, TimeSpan dt);
}

/// <param name="GoalTicks">Where the servo drives when torque is on (already clamped to its limits).</param>
/// <param name="TorqueOn">Torque_Enable; when off the joint is limp.</param>
/// <param name="HandTicks">Where a person holds the joint, or null when nobody does.</param>
public readonly record struct ServoCommand(double GoalTicks, bool TorqueOn, double? HandTicks);

/// <param name="LoadPercent">Signed load in percent of maximum torque (-100..100).</param>
public readonly record struct ServoReading(
    double PositionTicks,
    double VelocityTicksPerSecond,
    double LoadPercent,
    double Volts,
    double Celsius,
    double CurrentMilliamps);

/// <summary>
/// A joint's mechanical range in encoder ticks, and where its middle pose is (the pose a person
/// puts it in when told "the middle of its range": by default halfway, or a declared zero such as
/// a model's joint zero when the range is not symmetric about it).
/// </summary>
public readonly record struct ServoTravel(int Min, int Max, int? MiddleTicks = null)
{
    public int Middle => MiddleTicks ?? (Min + Max) / 2;
    public double Clamp(double ticks) => Math.Clamp(ticks, Min, Max);
}
