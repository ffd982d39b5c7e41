using System.Text.Json.Nodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>
/// Graphs from PyTorch's own exporter (scripts/fixtures/export_onnx_fixtures.py, committed under
/// tests/fixtures/onnx): ONNX Runtime and the whole policy pipeline must reproduce what PyTorch
/// computed, within 1e-4 on the model's (normalised) scale.
/// </summary>
public class ExportedModelTests
{
    private const double Tolerance = 1e-4;

    private static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "fixtures", "onnx", name);

    private static JsonNode Expected(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture(name), "expected.json")))!;

    private static float[] Floats(JsonNode node) => node.AsArray().Select(v => v!.GetValue<float>()).ToArray();

    private static long[] Shape(JsonNode node) => node.AsArray().Select(v => v!.GetValue<long>()).ToArray();

    [TestCase("act_like")]
    [TestCase("mlp_lerobot_norm")]
    public void Onnx_runtime_reproduces_pytorch_on_the_same_model_inputs(string name)
    {
        var expected = Expected(name);
        using var session = OnnxSession.Load(Path.Combine(Fixture(name), "model.onnx"), new OnnxSessionOptions(IntraOpThreads: 1));
        var inputs = expected["model_inputs"]!.AsObject().ToDictionary(
            kv => kv.Key, kv => OnnxTensor.FromFloats(Floats(kv.Value!["values"]!), Shape(kv.Value!["shape"]!)));
        var output = session.Run(inputs)["action"];

        var want = Floats(expected["model_output"]!["values"]!);
        Assert.That(output.Shape, Is.EqualTo(Shape(expected["model_output"]!["shape"]!)));
        double worst = MaxAbsDifference(output.Floats, want);
        TestContext.Out.WriteLine($"{name}: max |ORT - PyTorch| = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance));
    }

    [Test]
    public void Act_like_policy_normalises_runs_and_denormalises_like_the_pytorch_pipeline()
    {
        // Raw observation in (degrees, uint8 image), raw action chunk out: every step of the package's
        // pipeline (state and image mean_std, [0,1] pixels, NCHW, action de-normalisation) is checked.
        var expected = Expected("act_like");
        var obs = expected["observation"]!;
        var img = obs["observation.images.front"]!;
        var image = new CameraImage(img["height"]!.GetValue<int>(), img["width"]!.GetValue<int>(), img["channels"]!.GetValue<int>(),
            img["pixels"]!.AsArray().Select(v => (byte)v!.GetValue<int>()).ToArray());
        var observation = Robots.Observe(Floats(obs["observation.state"]!).Select(v => (double)v).ToArray(), ("front", image));

        using var policy = OnnxPolicy.Load(Fixture("act_like"), new OnnxPolicyOptions(Session: new OnnxSessionOptions(IntraOpThreads: 1)));
        Assert.That(policy.Preflight(Robots.So101(("front", 96, 128))), Is.Empty);
        var report = policy.Preflight(PreflightContext.SpecOnly(Robots.So101(("front", 96, 128))));
        Assert.That(report.Results.Single(r => r.Check == "Reference").Status, Is.EqualTo(PreflightStatus.Pass), "the package reproduces its reference.json");
        var chunk = policy.Infer(observation, "");
        CompareChunk("act_like", chunk.Actions, expected["action"]!, policy.Package.Stats.For(FeatureNames.Action)!.Std!);
        Assert.That(policy.Hint.ActionsPerQuery, Is.EqualTo(10));
    }

    [Test]
    public void Mlp_with_normalisation_buffers_in_the_graph_runs_raw_to_raw()
    {
        var expected = Expected("mlp_lerobot_norm");
        var obs = expected["observation"]!;
        var observation = new Observation(0, 0, new Dictionary<string, double[]>
        {
            [FeatureNames.State] = Floats(obs["observation.state"]!).Select(v => (double)v).ToArray(),
            [FeatureNames.EnvironmentState] = Floats(obs["observation.environment_state"]!).Select(v => (double)v).ToArray(),
        }, new Dictionary<string, CameraImage>());

        using var policy = OnnxPolicy.Load(Fixture("mlp_lerobot_norm"));
        Assert.That(policy.Package.Reference, Is.Not.Null);
        var spec = Robots.So101();
        spec = spec with { Features = [.. spec.Features, new FeatureSpec(FeatureNames.EnvironmentState, FeatureDType.Float32, [3])] };
        Assert.That(policy.Preflight(PreflightContext.SpecOnly(spec)).Results.Single(r => r.Check == "Reference").Status, Is.EqualTo(PreflightStatus.Pass));
        Assert.That(policy.Package.Manifest.ModeFor(FeatureNames.Action), Is.EqualTo(NormalizationMode.Identity), "the graph de-normalises itself");
        var chunk = policy.Infer(observation, "");
        CompareChunk("mlp_lerobot_norm", chunk.Actions, expected["action"]!, policy.Package.Stats.For(FeatureNames.Action)!.Std!);
    }

    /// <summary>Raw actions compared on the normalised scale: |ours - PyTorch| / std <= 1e-4 per joint.</summary>
    private static void CompareChunk(string name, IReadOnlyList<double[]> actual, JsonNode expected, double[] std)
    {
        var rows = expected.AsArray().Select(r => Floats(r!)).ToList();
        Assert.That(actual.Count, Is.EqualTo(rows.Count), "chunk length");
        double worst = 0;
        for (int t = 0; t < rows.Count; t++)
        {
            Assert.That(actual[t].Length, Is.EqualTo(rows[t].Length), $"action {t} width");
            for (int j = 0; j < rows[t].Length; j++)
                worst = Math.Max(worst, Math.Abs(actual[t][j] - rows[t][j]) / std[j]);
        }
        TestContext.Out.WriteLine($"{name}: max |ours - PyTorch| / std = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance));
    }

    private static double MaxAbsDifference(ReadOnlySpan<float> a, float[] b)
    {
        Assert.That(a.Length, Is.EqualTo(b.Length));
        double worst = 0;
        for (int i = 0; i < b.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
