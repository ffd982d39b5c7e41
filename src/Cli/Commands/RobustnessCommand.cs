using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Eval.Robustness;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness robustness`: success of one or more checkpoints along the scene's perturbation axes,
/// K levels per axis from nominal to the edge of its range, N paired episodes per level; a run
/// directory per (checkpoint, axis, level), stills of every level, and report.md / report.html.
/// </summary>
public static class RobustnessCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var policies = new Option<string[]>("--policy")
        {
            Description = "Policy to test (repeat to compare checkpoints axis by axis): scripted, onnx:DIR, openpi:ws://HOST:PORT.",
        };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "A text file with one policy spec per line (# comments), added after the --policy ones." };
        var axes = new Option<string>("--axes")
        {
            Description = "Comma-separated axes of the scene's perturbations: section (see `harness scenes`), or all.",
            DefaultValueFactory = _ => "all",
        };
        var levels = new Option<int>("--levels") { Description = "Levels per axis: 0 is nominal, the last is the edge of the axis's range.", DefaultValueFactory = _ => 4 };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per level (paired: the same seeds at every level and for every checkpoint).", DefaultValueFactory = _ => 20 };
        var seed = CommonOptions.Seed();
        var outDir = new Option<string>("--out") { Description = "Folder for the sweep: robustness.json, runs/CHECKPOINT/AXIS/level_K/, stills/, report.md, report.html.", Required = true };
        var workers = new Option<int>("--workers") { Description = "Parallel workers per run (never changes results).", DefaultValueFactory = _ => 1 };
        var overwrite = new Option<bool>("--overwrite")
        {
            Description = "Replace runs that are incomplete or were made with other settings (complete runs with the same settings are always reused), or a sweep with other settings.",
        };
        var noStills = new Option<bool>("--no-stills") { Description = "Do not render stills of the perturbed scenes (no GL needed)." };
        var imageSize = CommonOptions.ImageSize();
        var gl = CommonOptions.Gl();
        var policyOptions = PolicyOptionSet.Create();

        var cmd = new Command("robustness", "Measure how success changes along the scene's perturbation axes (size, friction, push, camera, ...), level by level.")
        {
            scene, policies, checkpoints, axes, levels, episodes, seed, outDir, workers, overwrite, noStills, imageSize, gl,
        };
        policyOptions.AddTo(cmd);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var specs = (pr.GetValue(policies) ?? []).ToList();
            if (pr.GetValue(checkpoints) is { } file) specs.AddRange(CheckpointLabels.ReadFile(file));
            var req = new RobustnessRequest(
                pr.GetValue(scene)!, specs,
                pr.GetValue(axes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                pr.GetValue(levels), pr.GetValue(episodes), pr.GetValue(seed), pr.GetValue(outDir)!, pr.GetValue(workers),
                pr.GetValue(overwrite), !pr.GetValue(noStills), ImageOptions.From(PolicyImageSize.Resolve(pr.GetValue(imageSize), [.. specs]), pr.GetValue(gl)), policyOptions.Read(pr), pr.GetValue(gl));
            var written = RobustnessJob.Run(req, EvalCommand.RunWithProgress, Console.WriteLine);
            Console.WriteLine($"report: {written.First(f => f.EndsWith(RobustnessHtml.FileName, StringComparison.Ordinal))}");
            Console.WriteLine($"        {written.First(f => f.EndsWith(RobustnessMarkdown.FileName, StringComparison.Ordinal))}");
            return 0;
        }));
        return cmd;
    }
}
