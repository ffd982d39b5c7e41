using Harness.Eval.Runs;
using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>
/// The end-of-run table: success with its interval, the task's outcome classes and metric
/// aggregates (all read from the run's task schema), latency and wall time.
/// </summary>
public static class SummaryTable
{
    public static void Print(RunSummary s, string outDir)
    {
        var schema = s.Schema;
        var head = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(s.Policy)}[/] on [bold]{Markup.Escape(s.Scene)}[/]");
        head.AddColumn("metric");
        head.AddColumn(new TableColumn("value").RightAligned());
        head.AddRow("episodes", $"{s.Episodes}{(s.Complete ? "" : " [red](incomplete)[/]")}");
        head.AddRow("success rate", $"[bold]{s.SuccessRate:P1}[/] ({s.Successes}/{s.Episodes})");
        head.AddRow("Wilson 95 % CI", $"[[{s.Ci95[0]:P1}, {s.Ci95[1]:P1}]]");
        foreach (var label in schema.Labels.Concat(s.Outcomes.Keys).Distinct())
        {
            int n = s.Outcomes.GetValueOrDefault(label);
            head.AddRow($"  {Markup.Escape(label)}", n == 0 ? "[grey]0[/]" : n.ToString());
        }
        foreach (var m in schema.Metrics)
            foreach (var a in m.Aggregations)
            {
                var key = m.AggregateKey(a);
                var v = s.Metrics.GetValueOrDefault(key);
                head.AddRow(Markup.Escape(key), v is not { } x ? "-" : a == Harness.Core.Tasks.MetricAggregation.Rate ? $"{x:P1}" : $"{x:0.###} {Markup.Escape(m.Unit)}");
            }
        if (s.PolicyLatencyMs is { } l) head.AddRow("policy latency p50 / p95", $"{l.P50:0.00} / {l.P95:0.00} ms");
        head.AddRow("wall time", $"{s.WallS:0.0} s ({s.Workers} worker{(s.Workers == 1 ? "" : "s")})");
        AnsiConsole.Write(head);
        if (s.Stopped is not null) AnsiConsole.MarkupLine($"[red]stopped early:[/] {Markup.Escape(s.Stopped)}");
        AnsiConsole.MarkupLine($"run directory: [link]{Markup.Escape(Path.GetFullPath(outDir))}[/]");
    }
}
