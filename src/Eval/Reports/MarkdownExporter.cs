using Harness.Core.Tasks;
using System.Text;

namespace Harness.Eval.Reports;

/// <summary>
/// report.md for an experiment log: GitHub tables and the charts as SVG files next to it, linked relatively,
/// so the folder can be committed or pasted as is.
/// </summary>
public sealed class MarkdownExporter : IReportExporter
{
    public const string FileName = "report.md";
    /// <summary>Whisker stills shown inline per run; the rest are linked from the HTML report.</summary>
    public const int StillsPerRun = 4;

    public string Name => "markdown";

    public IReadOnlyList<string> Export(ReportSummary summary, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        var md = new StringBuilder();
        md.AppendLine($"# {Inline(summary.Title)}").AppendLine();
        md.AppendLine($"Generated {summary.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by harness {summary.HarnessVersion} from " +
                      $"{summary.AllRuns.Count()} run(s) in {summary.Scenes.Count} scene(s). Success rates carry Wilson 95 % intervals; " +
                      "paired comparisons use the exact McNemar test." +
                      (summary.Scenes.Count > 1 ? " Each scene has its own section; runs from different scenes are never compared." : "")).AppendLine();
        foreach (var scene in summary.Scenes)
        {
            var charts = ReportCharts.For(scene).ToDictionary(c => c.FileName.Split('-')[0]);
            foreach (var c in charts.Values)
            {
                var path = Path.Combine(outDir, c.FileName);
                File.WriteAllText(path, c.Chart.ToSvg());
                written.Add(path);
            }
            WriteScene(md, scene, charts, outDir);
        }
        var file = Path.Combine(outDir, FileName);
        File.WriteAllText(file, md.ToString());
        written.Insert(0, file);
        return written;
    }

    private static void WriteScene(StringBuilder md, SceneSection s, IReadOnlyDictionary<string, ReportChart> charts, string outDir)
    {
        md.AppendLine($"## Scene `{Code(s.Scene)}`").AppendLine();
        md.AppendLine($"Task `{Code(s.Schema.Name)}`: {Inline(s.Schema.Description)}").AppendLine();
        var failures = s.OutcomeClasses.Where(c => c != OutcomeClass.SuccessLabel).ToList();
        md.AppendLine("| Run | Policy | Checkpoint | Step | Episodes | Success | 95 % CI | "
                      + string.Concat(failures.Select(f => ReportFormat.OutcomeHeading(f) + " | "))
                      + "Steps (succ.) | Latency p50 / p95 ms |");
        md.AppendLine("|---|---|---|--:|--:|--:|--:|" + string.Concat(failures.Select(_ => "--:|")) + "--:|--:|");
        foreach (var r in s.Runs)
        {
            string run = $"`{Code(r.Id)}`" + (r.Flag is { } flag ? $" ⚠ **{flag}**" : "");
            md.AppendLine($"| {run} | {Cell(r.Policy)} | {Cell(r.Checkpoint ?? "–")} | {(r.TrainingStep?.ToString() ?? "–")} | {r.Episodes} | " +
                          $"{ReportFormat.Percent(r.SuccessRate)} ({r.Successes}/{r.Episodes}) | {ReportFormat.Interval(r.CiLow, r.CiHigh)} | " +
                          string.Concat(failures.Select(f => r.Count(f) + " | ")) +
                          $"{ReportFormat.Number(r.AvgStepsSuccess)} | {ReportFormat.Latency(r.PolicyLatencyMs)} |");
        }
        md.AppendLine();
        md.AppendLine("Outcome classes (first match wins, in this order):").AppendLine();
        foreach (var c in s.Schema.Classes.OrderBy(c => c.Precedence))
            md.AppendLine($"- **{Inline(c.Label)}**: {Inline(c.Definition)}");
        md.AppendLine();
        if (s.MetricColumns.Count > 0)
        {
            md.AppendLine("Task metrics:").AppendLine();
            md.AppendLine("| Run | " + string.Concat(s.MetricColumns.Select(c => Cell(c.Heading) + " | ")));
            md.AppendLine("|---|" + string.Concat(s.MetricColumns.Select(_ => "--:|")));
            foreach (var r in s.Runs)
                md.AppendLine($"| `{Code(r.Id)}` | " + string.Concat(s.MetricColumns.Select(c => ReportFormat.Metric(c, r.Metric(c.Key)) + " | ")));
            md.AppendLine();
            foreach (var m in s.Schema.Metrics) md.AppendLine($"- `{Code(m.Key)}` ({Inline(m.Unit)}): {Inline(m.Definition)}");
            md.AppendLine();
        }
        WriteWhiskers(md, s);
        foreach (var r in s.Runs.Where(r => r.Warnings.Count > 0))
            foreach (var w in r.Warnings) md.AppendLine($"- ⚠ `{Code(r.Id)}`: {Inline(w)}");
        if (s.Runs.Any(r => r.Warnings.Count > 0)) md.AppendLine();
        foreach (var key in new[] { "success", "outcomes" })
            if (charts.TryGetValue(key, out var c)) md.AppendLine($"![{Inline(c.Chart.Title)}]({c.FileName})").AppendLine().AppendLine($"*{Inline(c.Caption)}*").AppendLine();

        md.AppendLine("### Paired comparisons").AppendLine();
        md.AppendLine($"{Inline(s.ComparisonPlan)} Runs are paired when they share the task, the scene files (scene_identity.sha256) and the seed of every common episode (same initial states); every setting that differs between the two runs is listed.").AppendLine();
        if (s.Paired.Count > 0)
        {
            md.AppendLine("| A | B | Pairs | A | B | B − A | Won by A only | Won by B only | p (exact McNemar) | p (Holm) | Pairs for 80 % power | Settings that differ |");
            md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var c in s.Paired)
                md.AppendLine($"| `{Code(c.RunA)}` | `{Code(c.RunB)}` | {c.Pairs} | {ReportFormat.Percent(c.RateA)} | {ReportFormat.Percent(c.RateB)} | {ReportFormat.Points(c.Difference)} | " +
                              $"{c.OnlyA} | {c.OnlyB} | {ReportFormat.PValue(c.PValue)} | {ReportFormat.PValue(c.PValueHolm)} | {ReportFormat.Int(c.PairsForPower)} | " +
                              $"{Cell(ReportFormat.DifferingSettings(c.Differences))} |");
            md.AppendLine();
            foreach (var c in s.Paired.Where(c => c.Differences.Count > 0))
                md.AppendLine($"- `{Code(c.RunA)}` vs `{Code(c.RunB)}` differ in: {Inline(string.Join("; ", c.Differences))}.");
            if (s.Paired.Any(c => c.Differences.Count > 0)) md.AppendLine();
            md.AppendLine("*Won by A only*: episodes A succeeded and B failed on the same initial state. The p-value is the two-sided exact McNemar test on those discordant episodes; " +
                          "*p (Holm)* corrects for the number of comparisons in this scene. *Pairs for 80 % power*: paired episodes needed to detect the observed difference at alpha 0.05 if it were real (never fewer than the exact test needs to reach p < 0.05 at all).").AppendLine();
            foreach (var c in s.Paired.Where(c => c.Note is not null)) md.AppendLine($"- `{Code(c.RunA)}` vs `{Code(c.RunB)}`: {Inline(c.Note!)}");
            if (s.Paired.Any(c => c.Note is not null)) md.AppendLine();
        }
        if (s.NotPaired.Count > 0 || s.Excluded.Count > 0)
        {
            md.AppendLine("Not compared:").AppendLine();
            foreach (var p in s.NotPaired) md.AppendLine($"- `{Code(p.RunA)}` vs `{Code(p.RunB)}`: not paired, {Inline(p.Reason)}.");
            foreach (var e in s.Excluded) md.AppendLine($"- `{Code(e.Run)}`: {Inline(e.Reason)}.");
            md.AppendLine();
        }

        if (s.LearningCurve is { } curve && charts.TryGetValue("curve", out var cc))
        {
            md.AppendLine("### Success rate against training step").AppendLine();
            md.AppendLine($"![{Inline(cc.Chart.Title)}]({cc.FileName})").AppendLine().AppendLine($"*{Inline(cc.Caption)}*").AppendLine();
            md.AppendLine("| Training run | Step | Run | Episodes | Success | 95 % CI |").AppendLine("|---|--:|---|--:|--:|--:|");
            foreach (var ser in curve.Series)
                foreach (var p in ser.Points)
                    md.AppendLine($"| {Cell(ser.TrainingRun)} | {p.TrainingStep} | `{Code(p.Run)}` | {p.Episodes} | {ReportFormat.Percent(p.SuccessRate)} | {ReportFormat.Interval(p.CiLow, p.CiHigh)} |");
            md.AppendLine();
        }
        if (charts.TryGetValue("lengths", out var lc))
        {
            md.AppendLine("### Episode lengths").AppendLine();
            md.AppendLine($"![{Inline(lc.Chart.Title)}]({lc.FileName})").AppendLine().AppendLine($"*{Inline(lc.Caption)}*").AppendLine();
        }
        if (s.TrialGuides.Count > 0) WriteGuides(md, s.TrialGuides);
        WriteMedia(md, s, outDir);
    }

    private static void WriteGuides(StringBuilder md, IReadOnlyList<TrialGuide> guides)
    {
        md.AppendLine("### How many episodes?").AppendLine();
        md.AppendLine(TrialGuideText.Lead(guides[0])).AppendLine();
        md.AppendLine("| Pair | Difference | Rates | Paired, independent outcomes | Paired, observed agreement | Unpaired |").AppendLine("|---|--:|--:|--:|--:|--:|");
        foreach (var g in guides)
            for (int i = 0; i < g.Rows.Count; i++)
            {
                var r = g.Rows[i];
                string pair = i == 0 ? $"`{Code(g.RunA)}` vs `{Code(g.RunB)}` ({Inline(TrialGuideText.PairNote(g))})" : "";
                md.AppendLine($"| {pair} | {Inline(TrialGuideText.Difference(r))} | {ReportFormat.Percent(g.RateA)} vs {ReportFormat.Percent(r.OtherRate)} | " +
                              $"{r.PairedIndependent} | {ReportFormat.Int(r.PairedObserved)} | {r.UnpairedPerArm} |");
            }
        md.AppendLine();
        md.AppendLine(TrialGuideText.Explanation).AppendLine();
    }

    private static void WriteWhiskers(StringBuilder md, SceneSection s)
    {
        var runs = s.Runs.Where(r => r.Whiskers.Count > 0).ToList();
        if (runs.Count == 0) return;
        md.AppendLine("Whisker metrics (`harness eval --whisker-metrics`), over each run's episodes:").AppendLine();
        foreach (var r in runs)
        {
            md.AppendLine($"**`{Code(r.Id)}`**").AppendLine();
            md.AppendLine("| Metric | Unit | Episodes | Mean | Max |").AppendLine("|---|---|--:|--:|--:|");
            foreach (var w in r.Whiskers)
                md.AppendLine($"| `{Code(w.Key)}` | {Cell(w.Unit)} | {w.Episodes} | {ReportFormat.Measure(w.Mean, w.Unit)} | {ReportFormat.Measure(w.Max, w.Unit)} |");
            md.AppendLine();
        }
        foreach (var w in runs.SelectMany(r => r.Whiskers).DistinctBy(w => w.Key))
            md.AppendLine($"- `{Code(w.Key)}` ({Inline(w.Unit)}): {Inline(w.Definition)}");
        md.AppendLine();
    }

    private static void WriteMedia(StringBuilder md, SceneSection s, string outDir)
    {
        var withMedia = s.Runs.Where(r => r.Videos.Count > 0 || r.WhiskerImages.Count > 0).ToList();
        if (withMedia.Count == 0) return;
        md.AppendLine("### Videos and whiskers").AppendLine();
        foreach (var r in withMedia)
        {
            md.AppendLine($"**`{Code(r.Id)}`**").AppendLine();
            if (r.Videos.Count > 0)
                md.AppendLine("Videos: " + string.Join(", ", r.Videos.Select(v => $"[{Inline(Path.GetFileName(v))}]({ReportFormat.RelativeLink(outDir, v)})"))).AppendLine();
            if (r.WhiskerImages.Count > 0)
            {
                md.AppendLine(string.Join(" ", r.WhiskerImages.Take(StillsPerRun).Select(w =>
                    $"<img src=\"{ReportFormat.RelativeLink(outDir, w)}\" width=\"240\" alt=\"{Inline(Path.GetFileName(w))}\">")));
                if (r.WhiskerImages.Count > StillsPerRun)
                    md.AppendLine().AppendLine($"{r.WhiskerImages.Count - StillsPerRun} more whisker stills in [whiskers/]({ReportFormat.RelativeLink(outDir, Path.Combine(r.Directory, "whiskers"))}).");
                md.AppendLine();
            }
        }
    }

    /// <summary>Text inside a table cell: pipes and line breaks would end the cell or the row.</summary>
    private static string Cell(string s) => Inline(s).Replace("|", "\\|");

    private static string Inline(string s) => s.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Code(string s) => s.Replace("`", "'").Replace("|", "\\|").Replace("\n", " ");
}
