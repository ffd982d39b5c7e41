namespace Harness.Core.Whiskers;

/// <summary>Per-episode whisker metrics: prediction error, chunk consistency and sample spread.</summary>
public sealed record WhiskerSummary(WhiskerStat PredictionError, WhiskerStat Consistency, WhiskerStat SampleSpread)
{
    public static WhiskerSummary Of(IReadOnlyList<WhiskerQueryMetrics> metrics) => new(
        WhiskerStat.Of(metrics.Select(m => m.PredictionErrorM)),
        WhiskerStat.Of(metrics.Select(m => m.ConsistencyM)),
        WhiskerStat.Of(metrics.Select(m => m.SampleSpreadM)));

    /// <summary>The optional episodes.csv columns (`harness eval --whisker-metrics`).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "whisker_pred_err_mean_m", "whisker_pred_err_p95_m", "whisker_consistency_mean_m", "whisker_consistency_p95_m",
        "whisker_sample_spread_mean_m",
    ];

    public IReadOnlyDictionary<string, double?> ToColumns() => new Dictionary<string, double?>
    {
        ["whisker_pred_err_mean_m"] = PredictionError.Mean,
        ["whisker_pred_err_p95_m"] = PredictionError.P95,
        ["whisker_consistency_mean_m"] = Consistency.Mean,
        ["whisker_consistency_p95_m"] = Consistency.P95,
        ["whisker_sample_spread_mean_m"] = SampleSpread.Mean,
    };
}
