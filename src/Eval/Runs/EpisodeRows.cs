using Harness.Core.Statistics;
using Harness.Core.Episodes;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>Turns an episode record into its episodes.csv row.</summary>
public static class EpisodeRows
{
    public static EpisodeRow From(EpisodeRecord r, IReadOnlyDictionary<string, double?>? extra = null)
    {
        var m = r.Outcome;
        bool? Flag(string k) => m.Metric(k) is { } v ? v != 0 : null;
        var latencies = r.Chunks.Select(c => c.LatencyMs).ToArray();
        return new EpisodeRow
        {
            Episode = r.Episode,
            Seed = r.Seed,
            Outcome = m.Outcome.ToLabel(),
            Success = m.Success,
            Steps = r.StepCount,
            PickedUp = Flag(TaskMetrics.PickedUp),
            Dropped = Flag(TaskMetrics.Dropped),
            MaxObjectHeightM = m.Metric(TaskMetrics.MaxObjectHeightM),
            TimeToPickS = m.Metric(TaskMetrics.TimeToPickS),
            FinalGoalDistanceM = m.Metric(TaskMetrics.FinalGoalDistanceM),
            PolicyCalls = r.PolicyCalls,
            PolicyLatencyMsP50 = latencies.Length > 0 ? Percentiles.Of(latencies, 50) : null,
            WallS = r.WallSeconds,
            Error = r.Error,
            Extra = extra ?? new Dictionary<string, double?>(),
        };
    }
}
