namespace Harness.Robots.RealTime;

/// <summary>
/// How well one episode kept its control period: the deviation of each period from the nominal
/// one (p50 and p99, ms), and how many steps started a whole period or more late (deadline misses).
/// </summary>
public sealed record LoopTiming(int Periods, double JitterP50Ms, double JitterP99Ms, double MaxJitterMs, int DeadlineMisses)
{
    public static LoopTiming Empty { get; } = new(0, 0, 0, 0, 0);
}
