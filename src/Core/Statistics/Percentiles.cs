namespace Harness.Core.Statistics;

/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0) throw new ArgumentException("percentile of an empty set.");
        return OfSorted(values.Order().ToArray(), percentile);
    }

    /// <summary>The same on values already sorted ascending (several percentiles, one sort).</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) throw new ArgumentException("percentile of an empty set.");
        if (percentile is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "expected 0..100.");
        double pos = percentile / 100.0 * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
