using System.Globalization;
using System.Text;
using Harness.Core.Tasks;
using Harness.Eval.Reports;

namespace Harness.Eval.Robustness;

/// <summary>report.md of a robustness sweep: verdicts first, then per axis the chart, the table per level and the stills (files next to it, linked relatively).</summary>
public static class RobustnessMarkdown
{
    public const string FileName = "report.md";

    public static IReadOnlyList<string> Write(RobustnessReport r, string outDir)
    {
        var written = new List<string>();
        var md = new StringBuilder();
        var p = r.Plan;
        md.AppendLine($"# Robustness of {string.Join(", ", p.Checkpoints.Select(c => $"`{c.Label}`"))} on `{p.Scene}`").AppendLine();
        md.AppendLine(RobustnessText.Lead(r)).AppendLine();
        md.AppendLine("## Verdicts").AppendLine();
        foreach (var a in r.Axes)
            foreach (var c in a.Curves)
                md.AppendLine($"- **{a.Axis.Name}**{(p.Checkpoints.Count > 1 ? $" (`{c.Checkpoint}`)" : "")}: {c.Verdict}");
        md.AppendLine();
        foreach (var w in r.Warnings) md.AppendLine($"> ⚠ {w}").AppendLine();

        foreach (var a in r.Axes)
        {
            var ax = a.Axis;
            md.AppendLine($"## Axis `{ax.Name}`").AppendLine();
            md.AppendLine(RobustnessText.AxisLine(ax, p.Levels)).AppendLine();
            foreach (var chart in RobustnessCharts.For(r, a))
            {
                var path = Path.Combine(outDir, RobustnessReportWriter.ChartsFolder, chart.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, chart.Chart.ToSvg());
                written.Add(path);
                md.AppendLine($"![{chart.Caption}]({RobustnessReportWriter.ChartsFolder}/{chart.FileName})").AppendLine();
                md.AppendLine($"*{chart.Caption}*").AppendLine();
            }
            foreach (var c in a.Curves) LevelTable(md, r, c);
            if (a.Comparisons.Count > 0)
            {
                md.AppendLine("Checkpoints compared level by level (paired episodes, exact McNemar, Holm-adjusted within the axis):").AppendLine();
                md.AppendLine("| Level | A | B | Pairs | A | B | Won by A only | Won by B only | p | p (Holm) |");
                md.AppendLine("|--:|---|---|--:|--:|--:|--:|--:|--:|--:|");
                foreach (var x in a.Comparisons)
                    md.AppendLine($"| {x.Level} | `{x.A}` | `{x.B}` | {x.Pairs} | {ReportFormat.Percent(x.RateA)} | {ReportFormat.Percent(x.RateB)} | {x.OnlyA} | {x.OnlyB} | " +
                                  $"{ReportFormat.PValue(x.PValue)} | {ReportFormat.PValue(x.PValueHolm)} |");
                md.AppendLine();
            }
            if (a.Stills.Count > 0)
            {
                md.AppendLine("What the levels look like:").AppendLine();
                md.AppendLine("| " + string.Join(" | ", a.Stills.Select(s => Cell(s.Caption))) + " |");
                md.AppendLine("|" + string.Concat(a.Stills.Select(_ => "---|")));
                md.AppendLine("| " + string.Join(" | ", a.Stills.Select(s => $"![{Cell(s.Caption)}]({s.File.Replace('\\', '/')})")) + " |");
                md.AppendLine();
            }
            else md.AppendLine(RobustnessText.NoStill(ax)).AppendLine();
        }
        md.AppendLine("---").AppendLine();
        md.AppendLine(RobustnessText.Method).AppendLine();
        var file = Path.Combine(outDir, FileName);
        File.WriteAllText(file, md.ToString());
        written.Insert(0, file);
        return written;
    }

    private static void LevelTable(StringBuilder md, RobustnessReport r, CheckpointCurve c)
    {
        var failures = r.OutcomeClasses.Where(o => o != OutcomeClass.SuccessLabel).ToList();
        md.AppendLine($"`{c.Checkpoint}` (`{c.Policy}`): {c.Verdict}").AppendLine();
        md.AppendLine("| Level | Value | Episodes | Success | 95 % CI | p vs nominal | " + string.Concat(failures.Select(f => ReportFormat.OutcomeHeading(f) + " | ")) + "Run |");
        md.AppendLine("|--:|---|--:|--:|--:|--:|" + string.Concat(failures.Select(_ => "--:|")) + "---|");
        foreach (var l in c.Levels)
        {
            string run = l.RunDir is null ? "–" : $"[{l.RunDir.Replace('\\', '/')}]({l.RunDir.Replace('\\', '/')})";
            string flag = l.Note is null ? "" : $" ⚠ {l.Note}";
            md.AppendLine($"| {l.Level} | {Cell(l.ValueText)} | {l.Episodes} | {(l.Episodes > 0 ? $"{ReportFormat.Percent(l.Rate)} ({l.Successes}/{l.Episodes})" : "–")} | " +
                          $"{(l.Episodes > 0 ? ReportFormat.Interval(l.CiLow, l.CiHigh) : "–")} | {(l.PVersusNominal is { } pv ? ReportFormat.PValue(pv) : "–")} | " +
                          string.Concat(failures.Select(f => l.Count(f).ToString(CultureInfo.InvariantCulture) + " | ")) + run + flag + " |");
        }
        md.AppendLine();
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
