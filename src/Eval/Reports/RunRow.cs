using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// One run as the report shows it. Counts, rates and metric aggregates come from episodes.csv (the
/// per-episode truth, aggregated as the task's schema says); latency comes from run.json. Paths are absolute.
/// </summary>
public sealed record RunRow(
    string Id,
    string Directory,
    string Scene,
    string Task,
    string Policy,
    string? Checkpoint,
    long? TrainingStep,
    int Seed,
    bool Complete,
    int Episodes,
    int EpisodesRequested,
    int Successes,
    double SuccessRate,
    double CiLow,
    double CiHigh,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyDictionary<string, double?> Metrics,
    double? AvgStepsSuccess,
    LatencySummary? PolicyLatencyMs,
    IReadOnlyList<string> Videos,
    IReadOnlyList<string> WhiskerImages,
    IReadOnlyList<string> Warnings)
{
    public int Count(string outcome) => Outcomes.TryGetValue(outcome, out var n) ? n : 0;

    public double? Metric(string aggregateKey) => Metrics.TryGetValue(aggregateKey, out var v) ? v : null;
}
