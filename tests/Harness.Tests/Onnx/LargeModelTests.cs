using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using NUnit.Framework;

namespace Harness.Tests.Onnx;

/// <summary>A ~10 MB MLP policy on the CPU provider, checked against the same network in C#.</summary>
public class LargeModelTests
{
    [Test]
    public void Ten_megabyte_mlp_policy_runs_on_cpu_and_matches_managed_math()
    {
        var layers = MlpModel.Random(11, Activation.Relu, 6, 1024, 1280, 768, 50 * 6);
        var model = OnnxModelWriter.Serialize(MlpModel.Build(layers, chunk: (50, 6)));
        Assert.That(model.Length, Is.InRange(9_500_000, 11_000_000), "model size");

        string dir = Directory.CreateTempSubdirectory("harness-onnx-big-").FullName;
        try
        {
            var stateStats = new FeatureStats(Mean: [0, -80, 10, 0, 0, 50], Std: [40, 15, 30, 35, 60, 25]);
            var actionStats = new FeatureStats(Mean: [0, -80, 0, 0, 0, 50], Std: [30, 8, 25, 30, 50, 20]);
            var manifest = new PolicyManifest(
                [new PolicyInput("state", FeatureNames.State, InputKind.State)],
                new PolicyOutput("actions", OutputForm.Chunk),
                new Dictionary<string, NormalizationMode> { [FeatureNames.State] = NormalizationMode.MeanStd, [FeatureNames.Action] = NormalizationMode.MeanStd },
                NActionSteps: 25);
            PolicyPackageWriter.Write(dir, model, manifest,
                new PolicyStats(new Dictionary<string, FeatureStats> { [FeatureNames.State] = stateStats, [FeatureNames.Action] = actionStats }));

            using var policy = OnnxPolicy.Load(dir, new OnnxPolicyOptions(Session: new OnnxSessionOptions(ExecutionProvider.Cpu, IntraOpThreads: 1)));
            Assert.That(policy.Preflight(Robots.So101()), Is.Empty);
            double[] state = [15, -75, 20, -10, 30, 60];
            var chunk = policy.Infer(Robots.Observe(state), "");
            Assert.That(chunk.Length, Is.EqualTo(50));

            var x = state.Select((v, i) => (float)((v - stateStats.Mean![i]) / (stateStats.Std![i] + FeatureNormalizer.Epsilon))).ToArray();
            var y = MlpModel.Evaluate(layers, x);
            for (int t = 0; t < 50; t++)
                for (int j = 0; j < 6; j++)
                    Assert.That(chunk[t][j], Is.EqualTo(y[t * 6 + j] * (actionStats.Std![j] + FeatureNormalizer.Epsilon) + actionStats.Mean![j]).Within(2e-3 * actionStats.Std![j]),
                        $"action [{t},{j}]");
        }
        finally { Directory.Delete(dir, true); }
    }
}
