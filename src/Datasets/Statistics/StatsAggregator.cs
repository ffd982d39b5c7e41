using Harness.Datasets.Format;

namespace Harness.Datasets.Statistics;

/// <summary>
/// Dataset statistics from per-episode ones (LeRobot's aggregate_stats): min of mins, max of maxes,
/// count-weighted mean, pooled variance (within plus between episodes), summed counts; quantiles
/// cannot be pooled exactly, so LeRobot keeps an envelope: the lowest q01/q10/q50, the highest q90/q99.
/// </summary>
public static class StatsAggregator
{
    public static DatasetStats Aggregate(IReadOnlyList<DatasetStats> episodes)
    {
        var keys = episodes.SelectMany(e => e.Features.Keys).Distinct(StringComparer.Ordinal);
        return new DatasetStats(keys.ToDictionary(k => k,
            k => Aggregate(episodes.Select(e => e[k]).Where(s => s is not null).Select(s => s!).ToArray())));
    }

    public static FeatureStats Aggregate(IReadOnlyList<FeatureStats> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to aggregate.");
        int n = parts[0].Mean.Length;
        long total = parts.Sum(p => p.Count);
        var mean = new double[n];
        var variance = new double[n];
        var min = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        foreach (var p in parts)
            for (int i = 0; i < n; i++)
            {
                mean[i] += p.Mean[i] * p.Count / total;
                min[i] = Math.Min(min[i], p.Min[i]);
                max[i] = Math.Max(max[i], p.Max[i]);
            }
        foreach (var p in parts)
            for (int i = 0; i < n; i++)
                variance[i] += (p.Std[i] * p.Std[i] + Math.Pow(p.Mean[i] - mean[i], 2)) * p.Count / total;
        var quantiles = new Dictionary<string, double[]>();
        foreach (var (key, _) in FeatureStats.DefaultQuantiles)
        {
            if (!parts.All(p => p.Quantiles.ContainsKey(key))) continue;
            bool lower = int.Parse(key[1..]) <= 50;
            quantiles[key] = Enumerable.Range(0, n)
                .Select(i => lower ? parts.Min(p => p.Quantiles[key][i]) : parts.Max(p => p.Quantiles[key][i])).ToArray();
        }
        return new FeatureStats(parts[0].Shape, min, max, mean, variance.Select(Math.Sqrt).ToArray(), total, quantiles);
    }
}
