namespace Harness.Core.Statistics;

/// <summary>
/// Percentiles of a long stream of positive values (e.g. every policy call's latency) in constant
/// memory and O(buckets) per query: values fall into logarithmic buckets of relative width
/// <see cref="RelativePrecision"/>, so a percentile is exact to that relative precision (three
/// significant digits). Zero and negative values are kept in one bucket of their own (reported as 0).
/// </summary>
public sealed class LogHistogram
{
    public const double RelativePrecision = 1e-3;
    private static readonly double LogBase = Math.Log(1 + RelativePrecision);
    private readonly SortedDictionary<int, long> _buckets = new();
    private long _nonPositive;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentException("a histogram value must be a number, not NaN.");
        Count++;
        if (value <= 0) { _nonPositive++; return; }
        int b = (int)Math.Floor(Math.Log(value) / LogBase);
        _buckets[b] = _buckets.GetValueOrDefault(b) + 1;
    }

    public void AddRange(IEnumerable<double> values)
    {
        foreach (var v in values) Add(v);
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the values lie (bucket midpoint).</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0) throw new InvalidOperationException("percentile of an empty histogram.");
        if (percentile is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "expected 0..100.");
        // Nearest rank, as a histogram cannot interpolate between values it no longer holds.
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        if (rank <= _nonPositive) return 0;
        long seen = _nonPositive;
        foreach (var (b, n) in _buckets)
        {
            seen += n;
            if (seen >= rank) return Math.Exp((b + 0.5) * LogBase);
        }
        return Math.Exp((_buckets.Keys.Last() + 0.5) * LogBase);
    }
}
