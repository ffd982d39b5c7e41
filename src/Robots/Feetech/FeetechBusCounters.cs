namespace Harness.Robots.Feetech;

/// <summary>What happened on the bus so far: exchanges, retries and why, noise skipped.</summary>
public sealed record FeetechBusCounters(
    long Exchanges,
    long Retries,
    long Timeouts,
    long ChecksumErrors,
    long SkippedBytes,
    long StrayPackets);
