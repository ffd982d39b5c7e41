using Harness.Core.Randomness;
using Harness.Core.Statistics;

namespace Harness.Eval.Statistics;

/// <summary>A bootstrap percentile interval: the 2.5th and 97.5th percentiles of the statistic over the resamples where it was defined.</summary>
public sealed record BootstrapInterval(double Lo, double Hi, int Resamples, int Undefined);

/// <summary>
/// Percentile bootstrap over groups of binary outcomes (e.g. the episodes of each checkpoint, in
/// simulation and on the real robot): every resample draws each group's outcomes with replacement
/// within that group (so every checkpoint keeps its episode count), from one seeded SplitMix64
/// stream, then computes the statistic on the resampled success rates. The same seed gives the same
/// interval on every machine.
/// </summary>
public static class PercentileBootstrap
{
    public const int DefaultResamples = 2000;

    /// <param name="groups">Outcomes per group (true = success); a statistic sees the groups' rates in this order.</param>
    /// <param name="statistic">The statistic of the groups' rates; null where undefined (such resamples are counted, not used).</param>
    public static BootstrapInterval Interval(IReadOnlyList<IReadOnlyList<bool>> groups, Func<double[], double?> statistic,
        int resamples, ulong seed, double level = 0.95)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "expected at least 1 resample.");
        if (groups.Any(g => g.Count == 0)) throw new ArgumentException("every group needs at least one outcome to resample.");
        var random = new SeededRandom(seed);
        var rates = new double[groups.Count];
        var values = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            for (int g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                int successes = 0;
                for (int k = 0; k < group.Count; k++)
                    if (group[(int)(random.NextUInt64() % (ulong)group.Count)]) successes++;
                rates[g] = (double)successes / group.Count;
            }
            if (statistic(rates) is double v) values.Add(v);
        }
        int undefined = resamples - values.Count;
        if (values.Count == 0) return new BootstrapInterval(double.NaN, double.NaN, resamples, undefined);
        var sorted = values.Order().ToArray();
        double tail = (1 - level) / 2 * 100;
        return new BootstrapInterval(Percentiles.OfSorted(sorted, tail), Percentiles.OfSorted(sorted, 100 - tail), resamples, undefined);
    }
}
