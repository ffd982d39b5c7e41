using System.CommandLine;
using Harness.Cli.Output;
using Harness.Datasets.Export;
using Harness.Datasets.Format;
using Harness.Datasets.Inspection;
using Harness.Datasets.Statistics;

namespace Harness.Cli.Commands;

/// <summary>`harness dataset inspect|stats|export`: LeRobot datasets (v3.0, v2.1, v2.0).</summary>
public static class DatasetCommand
{
    public static Command Create()
    {
        var cmd = new Command("dataset", "Read LeRobot datasets: inspect them, recompute their statistics, export frames for training scripts.");
        cmd.Subcommands.Add(Inspect());
        cmd.Subcommands.Add(Stats());
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Replay());
        return cmd;
    }

    private static Command Replay()
    {
        var dir = DirArgument();
        var scene = CommonOptions.Scene();
        var episodes = new Option<string?>("--episodes") { Description = "Episodes to replay, e.g. 0,1 or 0-9 (default all)." };
        var output = new Option<string>("--out") { Description = "Folder for tracking.json, tracking.csv and per-episode plots.", Required = true };
        var map = new Option<string[]>("--map") { Description = "Rename dataset action elements to the robot's joints: DATASET_NAME=JOINT_KEY (repeatable).", AllowMultipleArgumentsPerToken = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing --out folder." };
        var cmd = new Command("replay", "Drive the scene's simulated robot with recorded actions from the recorded initial state; per joint tracking (mean, p95, max).");
        cmd.Arguments.Add(dir);
        foreach (var o in new Option[] { scene, episodes, output, map, overwrite }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var pairs = pr.GetValue(map) is { Length: > 0 } m ? Harness.Policies.Onnx.OnnxPolicyOptions.ParseMap(m) : null;
            var (outDir, results) = Composition.TwinReplayJob.Run(pr.GetValue(dir)!, pr.GetValue(scene)!, EpisodeList.Parse(pr.GetValue(episodes)), pr.GetValue(output)!, pairs, pr.GetValue(overwrite));
            foreach (var e in results)
                Console.WriteLine($"episode {e.Episode} ({e.Frames} frames): " + string.Join("; ", e.Joints.Select(j => $"{j.Joint} mean {j.Mean:0.###} p95 {j.P95:0.###} max {j.Max:0.###} {j.Unit}")));
            Console.WriteLine($"wrote {outDir}");
            return 0;
        }));
        return cmd;
    }

    private static Argument<string> DirArgument() => new("dir") { Description = "The dataset's root folder (holding meta/ and data/)." };

    private static Command Inspect()
    {
        var dir = DirArgument();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var cmd = new Command("inspect", "Version, robot, fps, features, tasks, episode lengths and every inconsistency found. Exit code 1 when there are any.");
        cmd.Arguments.Add(dir);
        cmd.Options.Add(json);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var report = DatasetInspector.Inspect(pr.GetValue(dir)!);
            if (pr.GetValue(json)) Console.WriteLine(report.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            else InspectionText.Write(report, Console.Out);
            return report.Issues.Count == 0 ? 0 : 1;
        }));
        return cmd;
    }

    private static Command Stats()
    {
        var dir = DirArgument();
        var cmd = new Command("stats", "Recompute meta/stats.json from the frames, the way LeRobot computes it.");
        cmd.Arguments.Add(dir);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var ds = DatasetReader.Open(pr.GetValue(dir)!);
            var stats = DatasetStatistics.Compute(ds);
            Console.WriteLine($"wrote {DatasetStatistics.Write(ds, stats)} ({stats.Features.Count} features, {ds.Episodes.Count} episodes)");
            return 0;
        }));
        return cmd;
    }

    private static Command Export()
    {
        var dir = DirArgument();
        var format = new Option<string>("--format") { Description = "Export format (npz: numpy arrays, one per feature).", DefaultValueFactory = _ => "npz" };
        var output = new Option<string>("--out") { Description = "File to write.", Required = true };
        var episodes = new Option<string?>("--episodes") { Description = "Episodes to export, e.g. 0,1 or 0-9 (default all)." };
        var cmd = new Command("export", "Export frames, actions, state, indices and decoded camera frames for training scripts.");
        cmd.Arguments.Add(dir);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.Options.Add(episodes);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            if (pr.GetValue(format) != "npz")
                throw new ArgumentException($"--format {pr.GetValue(format)} is not supported; use --format npz.");
            var ds = DatasetReader.Open(pr.GetValue(dir)!);
            var result = NpzExporter.Export(ds, pr.GetValue(output)!, EpisodeList.Parse(pr.GetValue(episodes)));
            Console.WriteLine($"wrote {result.Path}: {result.Episodes} episodes, {result.Frames} frames; arrays {string.Join(", ", result.Arrays)}");
            return 0;
        }));
        return cmd;
    }
}
