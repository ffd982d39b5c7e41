using Harness.Core.Episodes;
using Harness.Core.Statistics;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>Turns an episode record into its episodes.csv row.</summary>
public static class EpisodeRows
{
    /// <summary>
    /// The row of an episode. A schema metric the task did not measure is taken from
    /// <paramref name="extra"/> when an observer measured it (metrics observers contribute to the run's schema).
    /// </summary>
    public static EpisodeRow From(EpisodeRecord r, TaskSchema schema, IReadOnlyDictionary<string, double?>? extra = null)
    {
        var o = r.Outcome;
        extra ??= new Dictionary<string, double?>();
        var latencies = r.Chunks.Select(c => c.LatencyMs).ToArray();
        return new EpisodeRow
        {
            Episode = r.Episode,
            Seed = r.Seed,
            Outcome = o.Label,
            Success = o.Success,
            Steps = r.StepCount,
            Metrics = schema.Metrics.ToDictionary(m => m.Key, m => o.Metric(m.Key) ?? extra.GetValueOrDefault(m.Key)),
            PolicyCalls = r.PolicyCalls,
            PolicyLatencyMsP50 = latencies.Length > 0 ? Percentiles.Of(latencies, 50) : null,
            WallS = r.WallSeconds,
            Detail = o.IsError ? null : o.Detail,
            Error = r.Error,
            Extra = extra.Where(kv => schema.Metric(kv.Key) is null).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }
}
