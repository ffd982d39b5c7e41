using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;

namespace Harness.Tests.ToyTask;

/// <summary>
/// ONNX policy packages for the toy task, built with our ONNX writer: a one-layer model whose
/// chunk of 5 actions drives the pusher to a fixed target on the rail (zero weights, the bias
/// chosen so the de-normalised action is the target). Different targets fail in different ways.
/// </summary>
public static class ToyPushPolicy
{
    public const int Chunk = 5;
    private const double ActionMean = 0.2, ActionStd = 0.25;

    public static string Write(string dir, double target, string run = "toy-push-constant", long? step = null)
    {
        // tanh(bias) * std + mean = target
        float bias = (float)Math.Atanh((target - ActionMean) / (ActionStd + FeatureNormalizer.Epsilon));
        var g = new OnnxGraphBuilder("toy_push_policy");
        var state = g.Input("state", TensorElementType.Float32, 1, 1);
        var z = g.Gemm(state, g.Constant("w", new float[Chunk], 1, Chunk), g.Constant("b", Enumerable.Repeat(bias, Chunk).ToArray(), Chunk));
        g.Reshape(g.Tanh(z), [1, Chunk, 1], output: "actions");
        g.Output("actions", TensorElementType.Float32, 1, Chunk, 1);
        var model = OnnxModelWriter.Serialize(g.BuildModel(new Dictionary<string, string> { ["harness.fixture"] = "toy-push" }));
        var manifest = new PolicyManifest([new PolicyInput("state", FeatureNames.State, InputKind.State)], new PolicyOutput("actions", OutputForm.Chunk),
            new Dictionary<string, NormalizationMode> { [FeatureNames.State] = NormalizationMode.MeanStd, [FeatureNames.Action] = NormalizationMode.MeanStd },
            NActionSteps: Chunk, Checkpoint: new CheckpointInfo($"target {target} m", step, "tests/Harness.Tests/ToyTask", run));
        var stats = new PolicyStats(new Dictionary<string, FeatureStats>
        {
            [FeatureNames.State] = new(Min: [0], Max: [0.45], Mean: [0.2], Std: [0.1]),
            [FeatureNames.Action] = new(Min: [0], Max: [0.45], Mean: [ActionMean], Std: [ActionStd]),
        });
        return PolicyPackageWriter.Write(dir, model, manifest, stats);
    }
}
