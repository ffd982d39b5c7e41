namespace Harness.Robots.Feetech;

/// <summary>
/// How patient the bus client is. LeRobot's patched SDK waits about 50 ms for a status packet and
/// its SO follower retries a failed sync read twice (three attempts); the defaults match.
/// </summary>
public sealed record FeetechBusOptions
{
    /// <summary>How long to wait for each expected status packet.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Attempts per exchange (first try included) before a timeout or corruption is reported.</summary>
    public int Attempts { get; init; } = 3;

    public static FeetechBusOptions Default { get; } = new();
}
