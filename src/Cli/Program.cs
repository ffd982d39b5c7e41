using System.CommandLine;
using Harness.Cli.Commands;

namespace Harness.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Harness: simulation-first evaluation of robot manipulation policies.");
        // One line per command; each command lives in its own file under Commands/.
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DistillCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(RealCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(RobustnessCommand.Create());
        root.Subcommands.Add(SceneCommand.Create());
        root.Subcommands.Add(ScenesCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(SimBusCommand.Create());
        root.Subcommands.Add(SimRealCommand.Create());
        root.Subcommands.Add(WhiskersCommand.Create());
        return root.Parse(args).Invoke();
    }
}
