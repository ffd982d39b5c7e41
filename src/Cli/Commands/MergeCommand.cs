using System.CommandLine;
using Harness.Cli.Output;
using Harness.Eval.Sweeps;

namespace Harness.Cli.Commands;

/// <summary>`harness merge SHARD_DIR... --out DIR`: the shards of one sweep combined into the runs the unsharded sweep writes, then the report.</summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard folders (the --out of each `harness sweep ... --shard I/N`).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged sweep (run directories, sweep.json, report/).", Required = true };
        var cmd = new Command("merge", "Combine the shards of a sweep into one sweep folder and write its report.");
        cmd.Arguments.Add(shards);
        cmd.Options.Add(outDir);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var outcome = ShardMerger.Merge(pr.GetValue(shards)!, pr.GetValue(outDir)!);
            Console.WriteLine($"merged {pr.GetValue(shards)!.Length} shard(s) into {pr.GetValue(outDir)}");
            SweepCommand.Print(outcome);
            SweepCommand.WriteReport(outcome);
            return 0;
        }));
        return cmd;
    }
}
