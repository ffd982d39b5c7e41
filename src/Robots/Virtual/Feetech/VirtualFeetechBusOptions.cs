namespace Harness.Robots.Virtual.Feetech;

/// <summary>How to build a virtual bus: where it appears, which servos, what moves them.</summary>
public sealed record VirtualFeetechBusOptions
{
    /// <summary>Where the pseudo-terminal is linked (the path clients open as their serial port).</summary>
    public required string LinkPath { get; init; }

    /// <summary>Servo ids on the bus, in plant order (servo i is the plant's joint i).</summary>
    public required IReadOnlyList<byte> Ids { get; init; }

    public required IServoPlant Plant { get; init; }

    /// <summary>The servos' control period: how often the plant is stepped.</summary>
    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How fast the operator's hand moves a joint (ticks per second; ~90 degrees/s by default).</summary>
    public double HandTicksPerSecond { get; init; } = 1000;

    /// <summary>Prepares servos before power-on (firmware, a set Phase bit...), persisted like factory settings.</summary>
    public Action<EmulatedServo>? Prepare { get; init; }
}
