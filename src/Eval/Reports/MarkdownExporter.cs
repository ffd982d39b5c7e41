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
            string run = $"`{Code(r.Id)}`" + (r.Complete ? "" : " ⚠ **incomplete**");
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
        foreach (var r in s.Runs.Where(r => r.Warnings.Count > 0))
            foreach (var w in r.Warnings) md.AppendLine($"- ⚠ `{Code(r.Id)}`: {Inline(w)}");
        if (s.Runs.Any(r => r.Warnings.Count > 0)) md.AppendLine();
        foreach (var key in new[] { "success", "outcomes" })
            if (charts.TryGetValue(key, out var c)) md.AppendLine($"![{Inline(c.Chart.Title)}]({c.FileName})").AppendLine().AppendLine($"*{Inline(c.Caption)}*").AppendLine();

        md.AppendLine("### Paired comparisons").AppendLine();
        md.AppendLine($"{Inline(s.ComparisonPlan)} Runs are paired when they share the scene, the task and the seed of every common episode (same initial states).").AppendLine();
        if (s.Paired.Count > 0)
        {
            md.AppendLine("| A | B | Pairs | A | B | B − A | Won by A only | Won by B only | p (exact McNemar) | p (Holm) | Pairs for 80 % power |");
            md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var c in s.Paired)
                md.AppendLine($"| `{Code(c.RunA)}` | `{Code(c.RunB)}` | {c.Pairs} | {ReportFormat.Percent(c.RateA)} | {ReportFormat.Percent(c.RateB)} | {ReportFormat.Points(c.Difference)} | " +
                              $"{c.OnlyA} | {c.OnlyB} | {ReportFormat.PValue(c.PValue)} | {ReportFormat.PValue(c.PValueHolm)} | {ReportFormat.Int(c.PairsForPower)} |");
            md.AppendLine();
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
            md.AppendLine("| Policy | Step | Run | Episodes | Success | 95 % CI |").AppendLine("|---|--:|---|--:|--:|--:|");
            foreach (var ser in curve.Series)
                foreach (var p in ser.Points)
                    md.AppendLine($"| {Cell(ser.Policy)} | {p.TrainingStep} | `{Code(p.Run)}` | {p.Episodes} | {ReportFormat.Percent(p.SuccessRate)} | {ReportFormat.Interval(p.CiLow, p.CiHigh)} |");
            md.AppendLine();
        }
        if (charts.TryGetValue("lengths", out var lc))
        {
            md.AppendLine("### Episode lengths").AppendLine();
            md.AppendLine($"![{Inline(lc.Chart.Title)}]({lc.FileName})").AppendLine().AppendLine($"*{Inline(lc.Caption)}*").AppendLine();
        }
        if (s.TrialGuide is { } g) WriteGuide(md, g, s);
        WriteMedia(md, s, outDir);
    }

    private static void WriteGuide(StringBuilder md, TrialGuide g, SceneSection s)
    {
        md.AppendLine("### How many episodes?").AppendLine();
        md.AppendLine($"Episodes per policy needed to detect a difference from the observed success rate of {ReportFormat.Percent(g.BaselineRate)} " +
                      $"(pooled over the complete runs), two-sided alpha {g.Alpha}, power {g.Power}.").AppendLine();
        md.AppendLine("| Difference | Rates | Paired, independent outcomes | Paired, observed agreement | Unpaired |").AppendLine("|--:|--:|--:|--:|--:|");
        foreach (var r in g.Rows)
            md.AppendLine($"| {(r.Difference * 100):0} pp | {ReportFormat.Percent(g.BaselineRate)} vs {ReportFormat.Percent(r.OtherRate)} | {r.PairedIndependent} | {ReportFormat.Int(r.PairedObserved)} | {r.UnpairedPerArm} |");
        md.AppendLine();
        md.AppendLine(TrialGuideText.Explanation(g)).AppendLine();
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
