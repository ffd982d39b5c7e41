using Harness.Core.Statistics;
using Harness.Core.Tasks;
using Harness.Eval.Statistics;

namespace Harness.Eval.Runs;

/// <summary>
/// The figures of run.json, kept up to date one episode at a time (never recomputed from all
/// rows): success counts, outcome counts by the schema's classes, each metric's aggregates as the
/// schema declares them, and policy latency percentiles over every call.
/// </summary>
public sealed class RunAggregate(TaskSchema schema)
{
    private readonly Dictionary<string, MetricAccumulator> _metrics = schema.Metrics.ToDictionary(m => m.Key, m => new MetricAccumulator(m));
    private readonly SortedDictionary<string, int> _outcomes = new(schema.Labels.ToDictionary(l => l, _ => 0));
    private readonly LogHistogram _latency = new();
    private int _episodes, _successes;

    public int Episodes => _episodes;
    public int Successes => _successes;

    public void Add(EpisodeRow row, IEnumerable<double> latenciesMs)
    {
        _episodes++;
        if (row.Success) _successes++;
        _outcomes[row.Outcome] = _outcomes.GetValueOrDefault(row.Outcome) + 1;
        foreach (var (key, acc) in _metrics)
            if (row.Metric(key) is { } v && double.IsFinite(v)) acc.Add(v, row.Success);
        _latency.AddRange(latenciesMs);
    }

    /// <summary>
    /// Adds a row read back from episodes.csv (a resumed or merged run). Its per-call latencies are not
    /// on disk, so the row's median latency stands for each of its calls.
    /// </summary>
    public void AddRecorded(EpisodeRow row) => Add(row, RecordedLatencies(row));

    /// <summary>The latencies a row read back from disk stands for: its median, once per policy call.</summary>
    public static IEnumerable<double> RecordedLatencies(EpisodeRow row) =>
        row.PolicyLatencyMsP50 is { } p50 ? Enumerable.Repeat(p50, row.PolicyCalls) : [];

    public RunSummary ApplyTo(RunSummary header)
    {
        var (lo, hi) = WilsonInterval.Compute(_successes, _episodes);
        var metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (var acc in _metrics.Values)
            foreach (var (k, v) in acc.Aggregates()) metrics[k] = v;
        return header with
        {
            Episodes = _episodes,
            Successes = _successes,
            SuccessRate = _episodes == 0 ? 0 : _successes / (double)_episodes,
            Ci95 = [lo, hi],
            Outcomes = new SortedDictionary<string, int>(_outcomes),
            Metrics = metrics,
            PolicyLatencyMs = _latency.Count == 0 ? null : new LatencySummary(_latency.Percentile(50), _latency.Percentile(95)),
        };
    }

    /// <summary>One metric's running aggregates; values kept sorted by insertion for exact percentiles.</summary>
    private sealed class MetricAccumulator(MetricSpec spec)
    {
        private readonly List<double> _sorted = [];
        private double _sum, _sumSuccess;
        private int _nSuccess;

        public void Add(double v, bool success)
        {
            int i = _sorted.BinarySearch(v);
            _sorted.Insert(i < 0 ? ~i : i, v);
            _sum += v;
            if (success) { _sumSuccess += v; _nSuccess++; }
        }

        public IEnumerable<(string Key, double? Value)> Aggregates()
        {
            int n = _sorted.Count;
            foreach (var a in spec.Aggregations)
                yield return (spec.AggregateKey(a), a switch
                {
                    MetricAggregation.Mean => n == 0 ? null : _sum / n,
                    MetricAggregation.Rate => n == 0 ? null : _sorted.Count(x => x != 0) / (double)n,
                    MetricAggregation.P50 => n == 0 ? null : Percentiles.OfSorted(_sorted, 50),
                    MetricAggregation.P95 => n == 0 ? null : Percentiles.OfSorted(_sorted, 95),
                    MetricAggregation.Max => n == 0 ? null : _sorted[^1],
                    MetricAggregation.MeanSuccess => _nSuccess == 0 ? null : _sumSuccess / _nSuccess,
                    _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
                });
        }
    }
}
