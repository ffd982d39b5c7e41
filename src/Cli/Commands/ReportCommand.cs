using System.CommandLine;
using System.Reflection;
using Harness.Eval.Reports;
using Harness.Eval.Runs;

namespace Harness.Cli.Commands;

/// <summary><c>harness report RUN_DIR... --out DIR [--title T]</c>: Markdown, HTML, JSON and CSV comparison reports.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs")
        {
            Description = "Run directories written by `harness eval`, or folders holding them (searched two levels deep).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Folder for report.md, report.html, report.json, runs.csv and the chart SVGs.", Required = true };
        var title = new Option<string?>("--title") { Description = "Report title.", DefaultValueFactory = _ => null };
        var cmd = new Command("report", "Compare evaluation runs: success rates with confidence intervals, paired tests, charts.");
        cmd.Arguments.Add(runs);
        cmd.Options.Add(output);
        cmd.Options.Add(title);
        cmd.SetAction(pr =>
        {
            try
            {
                var summary = ReportWriter.Summarise(pr.GetValue(runs)!, pr.GetValue(title), DateTimeOffset.UtcNow, Version());
                var files = ReportWriter.Write(summary, pr.GetValue(output)!);
                foreach (var scene in summary.Scenes)
                {
                    Console.WriteLine($"scene {scene.Scene}, task {scene.Schema.Name}: {scene.Runs.Count} run(s), {scene.Paired.Count} paired comparison(s)");
                    foreach (var r in scene.Runs)
                        Console.WriteLine($"  {r.Id,-28} {ReportFormat.Percent(r.SuccessRate),7}  [{ReportFormat.Interval(r.CiLow, r.CiHigh)}]  {r.Successes}/{r.Episodes}{(r.Flag is { } flag ? "  " + flag.ToUpperInvariant() : "")}");
                }
                foreach (var f in files) Console.WriteLine($"wrote {f}");
                return 0;
            }
            catch (RunDirectoryException e)
            {
                Console.Error.WriteLine($"report: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }

    private static string Version() =>
        typeof(ReportSummary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ReportSummary).Assembly.GetName().Version?.ToString() ?? "unknown";
}
