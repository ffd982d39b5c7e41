using Harness.Core.Statistics;

namespace Harness.Learning;

/// <summary>
/// Per-dimension statistics of a data set in the shape of LeRobot's stats.json (min, max, mean,
/// std, count, q01, q10, q50, q90, q99), plus z-scoring with a floor on std.
/// </summary>
public sealed record FeatureStatistics(double[] Min, double[] Max, double[] Mean, double[] Std, long Count,
    double[] Q01, double[] Q10, double[] Q50, double[] Q90, double[] Q99)
{
    public const double StdFloor = 1e-2;

    public static FeatureStatistics Of(IReadOnlyList<float[]> rows, int offset, int length)
    {
        if (rows.Count == 0) throw new ArgumentException("statistics of an empty data set.");
        var cols = Enumerable.Range(0, length).Select(j => rows.Select(r => (double)r[offset + j]).Order().ToArray()).ToArray();
        static double Q(double[] sorted, double q) => Percentiles.OfSorted(sorted, q * 100);
        double[] Map(Func<double[], double> f) => cols.Select(f).ToArray();
        var mean = Map(c => c.Average());
        var std = cols.Select((c, j) => Math.Sqrt(c.Sum(v => (v - mean[j]) * (v - mean[j])) / c.Length)).ToArray();
        return new FeatureStatistics(Map(c => c[0]), Map(c => c[^1]), mean, std, rows.Count,
            Map(c => Q(c, 0.01)), Map(c => Q(c, 0.10)), Map(c => Q(c, 0.50)), Map(c => Q(c, 0.90)), Map(c => Q(c, 0.99)));
    }

    /// <summary>Std used for normalisation: a feature that never varied is not blown up.</summary>
    public double SafeStd(int j) => Math.Max(Std[j], StdFloor);
}
