using Harness.Eval.Reports;
using Harness.Eval.Reports.Charts;

namespace Harness.Eval.Robustness;

/// <summary>The charts of one axis (success against level for every checkpoint; outcome classes per level, one chart per checkpoint), shared by Markdown and HTML.</summary>
public static class RobustnessCharts
{
    public static IReadOnlyList<ReportChart> For(RobustnessReport report, AxisResult axis)
    {
        var charts = new List<ReportChart>();
        var a = axis.Axis;
        var series = axis.Curves.Select((c, i) => new LineSeries(c.Checkpoint, ChartPalette.Series(i), c.Levels.Where(l => l.Episodes > 0).Select(l =>
            new BandPoint(l.Level, l.Rate, l.CiLow, l.CiHigh,
                $"{c.Checkpoint}, level {l.Level} ({l.ValueText}): {l.Successes}/{l.Episodes} = {ReportFormat.Percent(l.Rate)}, 95% CI {ReportFormat.Interval(l.CiLow, l.CiHigh)}"))
            .ToList())).Where(s => s.Points.Count > 0).ToList();
        if (series.Count > 0)
            charts.Add(new ReportChart($"{a.Name}-success.svg",
                $"Success against level along {a.Name} ({Levels(a, report.Plan.Levels)}); bands are Wilson 95 % intervals.",
                new LineBandChart($"Success vs {a.Name} level", $"level (0 = nominal, {report.Plan.Levels - 1} = edge of the range)", "success rate", series, AxisFormat.Percent, 0, 1)));

        foreach (var c in axis.Curves)
        {
            var levels = c.Levels.Where(l => l.Episodes > 0).ToList();
            if (levels.Count == 0) continue;
            var categories = levels.Select(l => $"L{l.Level} {l.ValueText}").ToList();
            var layers = report.OutcomeClasses.Select((o, i) => new StackSeries(ReportFormat.OutcomeHeading(o), ChartPalette.Outcome(o, i),
                levels.Select(l => l.Count(o) / (double)l.Episodes).ToList())).Where(s => s.Values.Any(v => v > 0)).ToList();
            var tips = levels.Select(l => (IReadOnlyList<string>)report.OutcomeClasses.Select(o => o).Where(o => layers.Any(s => s.Name == ReportFormat.OutcomeHeading(o)))
                .Select(o => $"level {l.Level} ({l.ValueText}): {ReportFormat.OutcomeHeading(o)} {l.Count(o)}/{l.Episodes}").ToList()).ToList();
            charts.Add(new ReportChart($"{a.Name}-outcomes-{c.Checkpoint}.svg",
                $"Outcome classes per level along {a.Name}, {c.Checkpoint} (share of the level's episodes).",
                new StackedBarChart($"Outcomes vs {a.Name} — {c.Checkpoint}", "share of episodes", categories, layers, AxisFormat.Percent, 1, tips)));
        }
        return charts;
    }

    private static string Levels(AxisPlan a, int levels) =>
        string.Join(", ", Enumerable.Range(0, levels).Select(k => $"{k}: {a.Level(k).Text}"));
}
