using Harness.Core.Statistics;
using Harness.Core.Tasks;
using Harness.Eval.Statistics;

namespace Harness.Eval.Runs;

/// <summary>Aggregates episode rows into the figures of run.json.</summary>
public static class RunSummaryBuilder
{
    public static RunSummary Aggregate(RunSummary header, IReadOnlyList<EpisodeRow> rows, IReadOnlyList<double> latenciesMs)
    {
        int n = rows.Count, s = rows.Count(r => r.Success);
        var (lo, hi) = WilsonInterval.Compute(s, n);
        var outcomes = new SortedDictionary<string, int>();
        foreach (var c in FailureClassNames.All) outcomes[c.ToLabel()] = 0;
        foreach (var r in rows) outcomes[r.Outcome] = outcomes.GetValueOrDefault(r.Outcome) + 1;

        double? Rate(Func<EpisodeRow, bool?> f)
        {
            var known = rows.Select(f).Where(v => v is not null).ToArray();
            return known.Length == 0 ? null : known.Count(v => v == true) / (double)known.Length;
        }
        var succ = rows.Where(r => r.Success).ToArray();
        var heights = rows.Where(r => r.MaxObjectHeightM is not null).Select(r => r.MaxObjectHeightM!.Value).ToArray();
        return header with
        {
            Episodes = n,
            Successes = s,
            SuccessRate = n == 0 ? 0 : s / (double)n,
            Ci95 = [lo, hi],
            Outcomes = outcomes,
            Metrics = new RunMetrics
            {
                PickRate = Rate(r => r.PickedUp),
                DropRate = Rate(r => r.Dropped),
                AvgStepsSuccess = succ.Length == 0 ? null : succ.Average(r => r.Steps),
                AvgMaxHeightM = heights.Length == 0 ? null : heights.Average(),
            },
            PolicyLatencyMs = latenciesMs.Count == 0 ? null
                : new LatencySummary(Percentiles.Of(latenciesMs, 50), Percentiles.Of(latenciesMs, 95)),
        };
    }
}
