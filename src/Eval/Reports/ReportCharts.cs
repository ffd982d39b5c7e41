using Harness.Eval.Reports.Charts;

namespace Harness.Eval.Reports;

/// <summary>The charts of one scene, built from the summary alone so Markdown and HTML show the same pictures.</summary>
public static class ReportCharts
{
    public static IReadOnlyList<ReportChart> For(SceneSection s)
    {
        var charts = new List<ReportChart>();
        var runs = s.Runs.Where(r => r.Episodes > 0).ToList();
        if (runs.Count > 0)
        {
            var bars = runs.Select(r => new BarValue(
                Label(r), r.SuccessRate, ChartPalette.Series(0), r.CiLow, r.CiHigh,
                ReportFormat.Percent(r.SuccessRate),
                $"{r.Id}: {r.Successes}/{r.Episodes} = {ReportFormat.Percent(r.SuccessRate)}, 95% CI {ReportFormat.Interval(r.CiLow, r.CiHigh)}",
                Hatched: !r.Complete)).ToList();
            charts.Add(new ReportChart($"success-{s.Slug}.svg",
                "Success rate per run; whiskers are Wilson 95 % intervals" + (runs.Any(r => !r.Complete) ? "; * marks an incomplete run (faded bar)." : "."),
                new BarChart($"Success rate — {s.Scene}", "success rate", bars, AxisFormat.Percent, 0, 1)));

            var layers = s.OutcomeClasses.Select((c, i) => new StackSeries(ReportFormat.OutcomeHeading(c), ChartPalette.Outcome(c, i),
                runs.Select(r => r.Count(c) / (double)r.Episodes).ToList())).ToList();
            var tips = runs.Select(r => (IReadOnlyList<string>)s.OutcomeClasses
                .Select(c => $"{r.Id}: {ReportFormat.OutcomeHeading(c)} {r.Count(c)}/{r.Episodes} ({ReportFormat.Percent(r.Count(c) / (double)r.Episodes)})").ToList()).ToList();
            charts.Add(new ReportChart($"outcomes-{s.Slug}.svg", "Share of episodes per outcome class, per run" + (runs.Any(r => !r.Complete) ? "; * marks an incomplete run." : "."),
                new StackedBarChart($"Outcomes — {s.Scene}", "share of episodes", runs.Select(Label).ToList(),
                    layers, AxisFormat.Percent, 1, tips)));
        }
        if (s.LearningCurve is { } curve)
        {
            var series = curve.Series.Select((ser, i) => new LineSeries(ser.TrainingRun, ChartPalette.Series(i), ser.Points.Select(p =>
                new BandPoint(p.TrainingStep, p.SuccessRate, p.CiLow, p.CiHigh,
                    $"{p.Run} (step {p.TrainingStep}): {ReportFormat.Percent(p.SuccessRate)}, 95% CI {ReportFormat.Interval(p.CiLow, p.CiHigh)}, {p.Episodes} episodes"))
                .ToList())).ToList();
            charts.Add(new ReportChart($"curve-{s.Slug}.svg", "Success rate against training step; the band is the Wilson 95 % interval.",
                new LineBandChart($"Success rate vs training step — {s.Scene}", "training step", "success rate", series, AxisFormat.Percent, 0, 1)));
        }
        if (s.EpisodeLengths is { } h)
        {
            var layers = s.OutcomeClasses.Where(h.CountsByOutcome.ContainsKey).Select((c, i) =>
                new StackSeries(ReportFormat.OutcomeHeading(c), ChartPalette.Outcome(c, i), h.CountsByOutcome[c].Select(v => (double)v).ToList())).ToList();
            charts.Add(new ReportChart($"lengths-{s.Slug}.svg",
                $"Episode lengths of the {h.Episodes} episodes of {h.Runs} complete run(s), by outcome.",
                new HistogramChart($"Episode length — {s.Scene}", "steps", "episodes", h.Edges, layers)));
        }
        return charts;
    }

    /// <summary>Category label of a run; a star marks an incomplete one (explained in the caption).</summary>
    private static string Label(RunRow r) => r.Complete ? r.Id : r.Id + "*";
}
