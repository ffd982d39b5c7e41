using Harness.Core.Statistics;

namespace Harness.Core.Whiskers;

/// <summary>Summary of one per-query metric over an episode (in the metric's unit); N = queries where it is defined.</summary>
public sealed record WhiskerStat(int N, double? Mean, double? P95, double? Max)
{
    public static WhiskerStat Of(IEnumerable<double?> values)
    {
        var v = values.Where(x => x is not null).Select(x => x!.Value).ToArray();
        return v.Length == 0 ? new WhiskerStat(0, null, null, null) : new WhiskerStat(v.Length, v.Average(), Percentiles.Of(v, 95), v.Max());
    }
}
