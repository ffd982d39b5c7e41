using System.CommandLine;

namespace Harness.Cli.Commands;

public static class EvalCommand
{
    public static Command Create()
    {
        var cmd = new Command("eval", "Evaluate a policy on a scene for N episodes.");
        cmd.SetAction(_ => { Console.Error.WriteLine("eval: not wired yet"); return 2; });
        return cmd;
    }
}
