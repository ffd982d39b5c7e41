using System.CommandLine;
using Harness.Cli.Output;
using Harness.Learning;
using Harness.Sim.Scenes;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness distill`: behaviour-clone the scripted expert into an ONNX policy package.</summary>
public static class DistillCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var episodes = new Option<int>("--episodes") { Description = "Number of successful demonstrations to record.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Policy package directory to write (model.onnx, policy.json, stats.json).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the demonstration episodes (keep it apart from evaluation seeds).", DefaultValueFactory = _ => 1000 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 60 };
        var hidden = new Option<int>("--hidden") { Description = "Width of the two hidden layers.", DefaultValueFactory = _ => 256 };
        var noise = new Option<double>("--noise-deg") { Description = "Std of the joint noise added while recording (degrees; labels stay clean).", DefaultValueFactory = _ => 1.0 };
        var every = new Option<int?>("--checkpoint-every")
        {
            Description = "Also write the network every K optimizer steps (and at the end) as OUT/step_NNNNNN/ packages of one training run, for `harness sweep`.",
        };
        var cmd = new Command("distill", "Record scripted demonstrations and fit a state-based MLP policy package.")
        {
            scene, episodes, outDir, seed, epochs, hidden, noise, every,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var def = SceneCatalog.Get(pr.GetValue(scene)!);
            string dir = pr.GetValue(outDir)!;
            if (File.Exists(Path.Combine(dir, "model.onnx")))
                throw new IOException($"'{dir}' already holds a policy package (model.onnx). Choose another --out, or delete it first.");
            var o = new DistillationOptions(pr.GetValue(episodes), pr.GetValue(seed), pr.GetValue(hidden), pr.GetValue(epochs), pr.GetValue(noise),
                CheckpointEvery: pr.GetValue(every));
            var r = Distiller.Run(def, o, dir, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(dir)}[/]: {r.Parameters} parameters, {r.Samples} samples from {r.Demos} demonstrations, " +
                                   $"loss {r.FirstLoss:0.000} -> {r.FinalLoss:0.000} ({r.RecordSeconds:0} s recording, {r.TrainSeconds:0} s training).");
            AnsiConsole.MarkupLine($"evaluate it with: ./harness eval --scene {def.Name} --policy onnx:{Markup.Escape(dir)} --episodes 50 --out DIR");
            if (o.CheckpointEvery is not null)
                AnsiConsole.MarkupLine($"and its learning curve with: ./harness sweep --scene {def.Name} --checkpoints '{Markup.Escape(dir)}/step_*' --episodes 50 --out DIR");
            return 0;
        }));
        return cmd;
    }
}
