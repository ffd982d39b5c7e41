using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>The end-of-run table: success with its interval, the failure taxonomy, and key metrics.</summary>
public static class SummaryTable
{
    public static void Print(RunSummary s, string outDir)
    {
        var head = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(s.Policy)}[/] on [bold]{Markup.Escape(s.Scene)}[/]");
        head.AddColumn("metric");
        head.AddColumn(new TableColumn("value").RightAligned());
        head.AddRow("episodes", $"{s.Episodes}{(s.Complete ? "" : " [red](incomplete)[/]")}");
        head.AddRow("success rate", $"[bold]{s.SuccessRate:P1}[/] ({s.Successes}/{s.Episodes})");
        head.AddRow("Wilson 95 % CI", $"[[{s.Ci95[0]:P1}, {s.Ci95[1]:P1}]]");
        foreach (var c in FailureClassNames.All)
        {
            int n = s.Outcomes.GetValueOrDefault(c.ToLabel());
            head.AddRow($"  {c.ToLabel()}", n == 0 ? "[grey]0[/]" : n.ToString());
        }
        head.AddRow("pick rate", Pct(s.Metrics.PickRate));
        head.AddRow("drop rate", Pct(s.Metrics.DropRate));
        head.AddRow("avg steps (successes)", s.Metrics.AvgStepsSuccess is { } a ? $"{a:0.0}" : "-");
        head.AddRow("avg max height", s.Metrics.AvgMaxHeightM is { } h ? $"{h * 100:0.0} cm" : "-");
        if (s.PolicyLatencyMs is { } l) head.AddRow("policy latency p50 / p95", $"{l.P50:0.00} / {l.P95:0.00} ms");
        head.AddRow("wall time", $"{s.WallS:0.0} s ({s.Workers} worker{(s.Workers == 1 ? "" : "s")})");
        AnsiConsole.Write(head);
        AnsiConsole.MarkupLine($"run directory: [link]{Markup.Escape(Path.GetFullPath(outDir))}[/]");
    }

    private static string Pct(double? v) => v is { } x ? $"{x:P1}" : "-";
}
