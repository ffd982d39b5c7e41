namespace Harness.Robots.UR.Motion;

/// <summary>How to reach and drive a UR arm.</summary>
public sealed record UrArmOptions(string Host, UrPorts Ports)
{
    /// <summary>Output recipe frequency; 500 Hz is the e-Series control cycle.</summary>
    public double OutputFrequency { get; init; } = 500;

    /// <summary>The servo program stops when no input package arrives for 1/WatchdogHz seconds.</summary>
    public double WatchdogHz { get; init; } = 5;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ProgramStartTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Motion commands are refused when the newest state is older than this (the stream stalled).</summary>
    public TimeSpan MaxStateAge { get; init; } = TimeSpan.FromMilliseconds(100);
}
