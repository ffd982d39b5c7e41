using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness demo`: the first thing a newcomer runs — a 20-episode scripted evaluation.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var episodes = new Option<int>("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 20 };
        var workers = new Option<int>("--workers") { Description = "Parallel workers.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: reports/demo-<UTC time>)." };
        var cmd = new Command("demo", "Evaluate the scripted expert on so101-pick-place (20 episodes) and print the summary.")
        {
            episodes, workers, outDir,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string dir = pr.GetValue(outDir) ?? Path.Combine("reports", $"demo-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            AnsiConsole.MarkupLine("[bold]Harness demo[/]: scripted expert on [bold]so101-pick-place[/] " +
                                   "(\"Pick up the block and place it in the bowl\"), seed 0.");
            var req = new EvalRequest("so101-pick-place", "scripted", pr.GetValue(episodes), 0, dir, pr.GetValue(workers));
            var summary = EvalCommand.RunWithProgress(req);
            SummaryTable.Print(summary, dir);
            AnsiConsole.MarkupLine("Next: try [bold]--policy scripted:weak-grip[/] with `./harness eval` to see the failure taxonomy at work.");
            return 0;
        }));
        return cmd;
    }
}
