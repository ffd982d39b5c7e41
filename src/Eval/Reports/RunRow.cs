using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// One run as the report shows it. Counts, rates and metric aggregates come from episodes.csv (the
/// per-episode truth, aggregated as the task's schema says); latency comes from run.json. Paths are absolute.
/// </summary>
/// <param name="TrainingRun">The training run the checkpoint belongs to (learning curves group by it); null without a step.</param>
/// <param name="Stopped">Why the run ended before all requested episodes (run.json <c>stopped</c>), null otherwise.</param>
/// <param name="Whiskers">The whisker columns of episodes.csv, summarised (empty when the run was evaluated without them).</param>
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
    IReadOnlyList<string> Warnings,
    string? TrainingRun,
    string? Stopped,
    IReadOnlyList<RunWhiskerMetric> Whiskers)
{
    /// <summary>The short flag next to the run's name: "stopped early", "incomplete", or null for a finished run.</summary>
    public string? Flag => Complete ? null : Stopped is not null ? "stopped early" : "incomplete";

    public int Count(string outcome) => Outcomes.TryGetValue(outcome, out var n) ? n : 0;

    public double? Metric(string aggregateKey) => Metrics.TryGetValue(aggregateKey, out var v) ? v : null;
}
