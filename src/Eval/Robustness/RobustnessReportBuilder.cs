using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;

namespace Harness.Eval.Robustness;

/// <summary>
/// Reads a robustness sweep's folder (robustness.json and runs/CHECKPOINT/AXIS/level_K) into a
/// <see cref="RobustnessReport"/>: per level the success with its Wilson interval and the outcome
/// counts, paired tests against nominal and between checkpoints, and the verdicts. Missing or
/// incomplete runs are shown as such and left out of verdicts and comparisons.
/// </summary>
public static class RobustnessReportBuilder
{
    public static RobustnessReport Build(string dir, DateTimeOffset now, string harnessVersion)
    {
        dir = Path.GetFullPath(dir);
        var plan = RobustnessPlan.Read(dir);
        var warnings = new List<string>();
        var runs = new Dictionary<(string, string, int), RunDirectory>();
        foreach (var c in plan.Checkpoints)
            foreach (var a in plan.Axes)
                for (int k = 0; k < plan.Levels; k++)
                {
                    string path = Path.Combine(dir, RobustnessPlan.RunPath(c.Label, a.Name, k));
                    if (!File.Exists(Path.Combine(path, RunDirectory.SummaryFile))) continue;
                    var run = RunDirectoryReader.Read(path);
                    runs[(c.Label, a.Name, k)] = run;
                    warnings.AddRange(run.Warnings.Select(w => $"{Path.GetRelativePath(dir, path)}: {w}"));
                }
        var schema = runs.Values.Select(r => r.Summary.Schema).FirstOrDefault()
            ?? throw new RunDirectoryException($"'{dir}' holds no finished run yet; run `harness robustness` into it first.");
        var classes = schema.Labels.Concat(runs.Values.SelectMany(r => r.Episodes.Select(e => e.Outcome))).Distinct().ToList();

        var axes = plan.Axes.Select(a =>
        {
            var curves = plan.Checkpoints.Select(c =>
            {
                var levels = Enumerable.Range(0, plan.Levels)
                    .Select(k => Level(a, k, runs.GetValueOrDefault((c.Label, a.Name, k)), runs.GetValueOrDefault((c.Label, a.Name, 0)), dir)).ToList();
                return new CheckpointCurve(c.Label, c.Policy, levels, RobustnessVerdict.For(a.Name, levels));
            }).ToList();
            return new AxisResult(a, curves, Compare(plan, a, runs), plan.Stills.Where(s => s.Axis == a.Name).OrderBy(s => s.Level).ToList());
        }).ToList();
        return new RobustnessReport(dir, plan, schema, classes, axes, now, harnessVersion, warnings);
    }

    private static LevelResult Level(AxisPlan axis, int k, RunDirectory? run, RunDirectory? nominal, string dir)
    {
        string text = axis.Level(k).Text;
        if (run is null) return new LevelResult(k, text, null, 0, 0, 0, 1, new Dictionary<string, int>(), false, Note: "not run yet");
        var rows = run.Episodes;
        int successes = rows.Count(e => e.Success);
        var (lo, hi) = WilsonInterval.Compute(successes, rows.Count);
        var outcomes = rows.GroupBy(e => e.Outcome).ToDictionary(g => g.Key, g => g.Count());
        double? p = null;
        if (k > 0 && nominal is { Summary.Complete: true } && run.Summary.Complete)
        {
            var (pairs, onlyNominal, onlyHere) = Pair(nominal.Episodes, rows);
            if (pairs > 0) p = McNemarTest.ExactPValue(onlyNominal, onlyHere);
        }
        string? note = run.Summary.Complete ? null : run.Summary.Stopped is { } s ? $"stopped: {s}" : "incomplete";
        return new LevelResult(k, text, Path.GetRelativePath(dir, run.Path), rows.Count, successes, lo, hi, outcomes, run.Summary.Complete, p, note);
    }

    private static List<LevelComparison> Compare(RobustnessPlan plan, AxisPlan axis, Dictionary<(string, string, int), RunDirectory> runs)
    {
        var raw = new List<(int Level, string A, string B, int Pairs, double RateA, double RateB, int OnlyA, int OnlyB, double P)>();
        for (int i = 0; i < plan.Checkpoints.Count; i++)
            for (int j = i + 1; j < plan.Checkpoints.Count; j++)
                for (int k = 0; k < plan.Levels; k++)
                {
                    string a = plan.Checkpoints[i].Label, b = plan.Checkpoints[j].Label;
                    if (runs.GetValueOrDefault((a, axis.Name, k)) is not { Summary.Complete: true } ra ||
                        runs.GetValueOrDefault((b, axis.Name, k)) is not { Summary.Complete: true } rb) continue;
                    var (pairs, onlyA, onlyB) = Pair(ra.Episodes, rb.Episodes);
                    if (pairs == 0) continue;
                    var common = ra.Episodes.Select(e => e.Episode).Intersect(rb.Episodes.Select(e => e.Episode)).ToHashSet();
                    double rateA = ra.Episodes.Where(e => common.Contains(e.Episode)).Count(e => e.Success) / (double)pairs;
                    double rateB = rb.Episodes.Where(e => common.Contains(e.Episode)).Count(e => e.Success) / (double)pairs;
                    raw.Add((k, a, b, pairs, rateA, rateB, onlyA, onlyB, McNemarTest.ExactPValue(onlyA, onlyB)));
                }
        var holm = HolmAdjustment.Adjust(raw.Select(r => r.P).ToList());
        return raw.Select((r, i) => new LevelComparison(r.Level, r.A, r.B, r.Pairs, r.RateA, r.RateB, r.OnlyA, r.OnlyB, r.P, holm[i])).ToList();
    }

    /// <summary>Episodes present in both runs with the same seed: how many, and where only one side succeeded.</summary>
    public static (int Pairs, int OnlyFirst, int OnlySecond) Pair(IReadOnlyList<EpisodeRow> first, IReadOnlyList<EpisodeRow> second)
    {
        var other = second.ToDictionary(e => e.Episode);
        int pairs = 0, onlyFirst = 0, onlySecond = 0;
        foreach (var e in first)
        {
            if (!other.TryGetValue(e.Episode, out var o) || o.Seed != e.Seed) continue;
            pairs++;
            if (e.Success && !o.Success) onlyFirst++;
            else if (o.Success && !e.Success) onlySecond++;
        }
        return (pairs, onlyFirst, onlySecond);
    }
}
