using System.Text.Json;

namespace Harness.Eval.Robustness;

/// <summary>Writes a robustness sweep's report into its own folder: report.md (+ charts/*.svg), report.html, report.json.</summary>
public static class RobustnessReportWriter
{
    public const string ChartsFolder = "charts";
    public const string JsonFile = "report.json";

    public static IReadOnlyList<string> Write(string dir, DateTimeOffset now, string harnessVersion)
    {
        var report = RobustnessReportBuilder.Build(dir, now, harnessVersion);
        var written = new List<string>(RobustnessMarkdown.Write(report, report.Directory)) { RobustnessHtml.Write(report, report.Directory) };
        var json = Path.Combine(report.Directory, JsonFile);
        File.WriteAllText(json, JsonSerializer.Serialize(new
        {
            scene = report.Plan.Scene,
            seed = report.Plan.Seed,
            episodes = report.Plan.Episodes,
            levels = report.Plan.Levels,
            axes = report.Axes.Select(a => new
            {
                name = a.Axis.Name,
                kind = a.Axis.Kind,
                checkpoints = a.Curves.Select(c => new
                {
                    label = c.Checkpoint,
                    policy = c.Policy,
                    verdict = c.Verdict,
                    levels = c.Levels.Select(l => new
                    {
                        level = l.Level, value = l.ValueText, episodes = l.Episodes, successes = l.Successes, success_rate = l.Rate,
                        ci95 = new[] { l.CiLow, l.CiHigh }, p_vs_nominal = l.PVersusNominal, outcomes = l.Outcomes, complete = l.Complete, run = l.RunDir,
                    }),
                }),
                comparisons = a.Comparisons,
            }),
        }, new JsonSerializerOptions { WriteIndented = true }));
        written.Add(json);
        return written;
    }
}
