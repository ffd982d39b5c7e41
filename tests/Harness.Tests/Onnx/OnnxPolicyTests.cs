using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Preflight;
using NUnit.Framework;

namespace Harness.Tests.Onnx;

public class OnnxPolicyTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("harness-onnx-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Package(LinearPolicyFixture f, string name = "pkg") => f.Write(Path.Combine(_dir, name));

    [Test]
    public void Infer_normalises_runs_and_denormalises_like_the_reference()
    {
        var f = new LinearPolicyFixture();
        using var policy = OnnxPolicy.Load(Package(f));
        Assert.That(policy.Hint, Is.EqualTo(new ExecutionHint(2, null)));
        Assert.That(policy.Inputs.Features, Is.EqualTo(new[] { FeatureNames.State, "observation.images.top" }));
        Assert.That(policy.ModelMetadata.Custom["harness.fixture"], Is.EqualTo("linear"));
        Assert.That(policy.Package.Manifest.Checkpoint!.TrainingStep, Is.EqualTo(1234));

        var rng = new Random(3);
        var state = new double[] { 12, -70, 33, -5, 90, 40 };
        var image = Robots.RandomImage(rng, 16, 16); // resized to 8x8 by the policy
        var chunk = policy.Infer(Robots.Observe(state, ("top", image)), "pick");
        var expected = f.Expected([state], image);
        Assert.That(chunk.Length, Is.EqualTo(LinearPolicyFixture.T));
        for (int t = 0; t < chunk.Length; t++)
            Assert.That(chunk[t], Is.EqualTo(expected[t]).Within(1e-3), $"row {t}");
        Assert.That(policy.InferTime, Is.GreaterThanOrEqualTo(policy.NativeRunTime));
    }

    [Test]
    public void A_sound_package_passes_preflight()
    {
        using var policy = OnnxPolicy.Load(Package(new LinearPolicyFixture()));
        Assert.That(policy.Preflight(Robots.So101(("top", 16, 16))), Is.Empty);
        Assert.DoesNotThrow(() => policy.Check(Robots.So101(("top", 16, 16))));
    }

    [Test]
    public void Observation_history_is_stacked_and_cleared_by_reset()
    {
        var f = new LinearPolicyFixture { WithImage = false, NObsSteps = 2 };
        f.Normalization.Remove("observation.images.top");
        using var policy = OnnxPolicy.Load(Package(f));
        double[] s1 = [10, -80, 0, 5, 0, 30], s2 = [20, -70, 10, 0, 5, 60], s3 = [-5, -60, 20, 10, -5, 40];
        var a = policy.Infer(Robots.Observe(s1), "");
        Assert.That(a[0], Is.EqualTo(f.Expected([s1, s1], null)[0]).Within(1e-3), "first step repeats the first observation");
        var b = policy.Infer(Robots.Observe(s2), "");
        Assert.That(b[0], Is.EqualTo(f.Expected([s1, s2], null)[0]).Within(1e-3), "second step stacks oldest first");
        var b3 = policy.Infer(Robots.Observe(s3), "");
        Assert.That(b3[0], Is.EqualTo(f.Expected([s2, s3], null)[0]).Within(1e-3), "third step drops the oldest");
        policy.Reset();
        var c = policy.Infer(Robots.Observe(s2), "");
        Assert.That(c[0], Is.EqualTo(f.Expected([s2, s2], null)[0]).Within(1e-3), "Reset clears the history");
        Assert.That(policy.Preflight(Robots.So101()), Is.Empty);
    }

    // (a) features the model needs that the environment does not provide
    [Test]
    public void Missing_camera_is_refused_listing_both_sides_and_a_map_suggestion()
    {
        using var policy = OnnxPolicy.Load(Package(new LinearPolicyFixture()));
        var spec = Robots.So101(("front", 16, 16), ("wrist", 16, 16));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(spec))!;
        Assert.That(ex.Findings.Select(x => x.Check), Is.EqualTo(new[] { PreflightCheck.MissingFeatures }));
        Assert.That(ex.Message, Does.Contain("observation.images.top").And.Contain("observation.images.front").And.Contain("observation.images.wrist"));
        Assert.That(ex.Message, Does.Contain("--map observation.images.top=observation.images.front"));

        var map = OnnxPolicyOptions.ParseMap(["top=front"]);
        using var mapped = OnnxPolicy.Load(Path.Combine(_dir, "pkg"), new OnnxPolicyOptions(map));
        Assert.That(mapped.Inputs.Features, Does.Contain("observation.images.front"));
        Assert.That(mapped.Preflight(spec), Is.Empty);
        var chunk = mapped.Infer(Robots.Observe(new double[6], ("front", Robots.RandomImage(new Random(1), 16, 16))), "");
        Assert.That(chunk.Dim, Is.EqualTo(6));
    }

    [Test]
    public void Map_of_a_feature_the_policy_does_not_read_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => OnnxPolicy.Load(Package(new LinearPolicyFixture()),
            new OnnxPolicyOptions(OnnxPolicyOptions.ParseMap(["side=front"]))))!;
        Assert.That(ex.Message, Does.Contain("observation.images.side").And.Contain("observation.images.top"));
        Assert.Throws<ArgumentException>(() => OnnxPolicyOptions.ParseMap(["top"]));
    }

    // (b) state or action dimension mismatch
    [Test]
    public void State_and_action_dimension_mismatch_is_refused()
    {
        using var policy = OnnxPolicy.Load(Package(new LinearPolicyFixture()));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.WithJoints(5, ("top", 16, 16))))!;
        Assert.That(ex.Findings.Select(x => x.Check), Is.EqualTo(new[] { PreflightCheck.DimensionMismatch, PreflightCheck.DimensionMismatch }));
        Assert.That(ex.Message, Does.Contain("state dimension mismatch").And.Contain("provides 5 values").And.Contain("the model expects 6"));
        Assert.That(ex.Message, Does.Contain("action dimension mismatch").And.Contain("takes 5 values").And.Contain("outputs 6"));
    }

    [Test]
    public void Camera_size_without_a_declared_resize_is_refused()
    {
        var f = new LinearPolicyFixture { Resize = null };
        using var policy = OnnxPolicy.Load(Package(f));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.So101(("top", 48, 64))))!;
        Assert.That(ex.Message, Does.Contain("renders 48x64").And.Contain("\"resize\": [8, 8]"));
    }

    // (c) near-zero std, or stats that blow a probe up beyond +-50
    [Test]
    public void Image_stats_with_tiny_std_are_refused()
    {
        var f = new LinearPolicyFixture { ImageStats = new(Min: [0, 0, 0], Max: [1, 1, 1], Mean: [0.1, 0.1, 0.1], Std: [0.002, 0.002, 0.002]) };
        using var policy = OnnxPolicy.Load(Package(f));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.So101(("top", 16, 16))))!;
        Assert.That(ex.Findings.Select(x => x.Check), Does.Contain(PreflightCheck.NormalizationStats));
        Assert.That(ex.Message, Does.Contain("mid-grey image").And.Contain("observation.images.top").And.Contain("-> 201"));
    }

    [Test]
    public void State_stats_with_zero_spread_are_refused()
    {
        var f = new LinearPolicyFixture();
        f.StateStats = f.StateStats with { Std = [40, 15, 30, 1e-9, 60, 25], Mean = [0, -80, 10, 30, 0, 50] };
        using var policy = OnnxPolicy.Load(Package(f));
        var findings = policy.Preflight(Robots.So101(("top", 16, 16)));
        var stats = findings.Where(x => x.Check == PreflightCheck.NormalizationStats).ToList();
        Assert.That(stats, Has.Count.EqualTo(2));
        Assert.That(stats[0].Message, Does.Contain("near-zero spread in component 3"));
        Assert.That(stats[1].Message, Does.Contain("component 3: 0 -> -2.727E+09"));
    }

    // (d) image value range mismatch
    [Test]
    public void Images_declared_0_255_with_0_1_stats_are_refused()
    {
        var f = new LinearPolicyFixture { ImageRange = ValueRange.Byte };
        using var policy = OnnxPolicy.Load(Package(f));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.So101(("top", 16, 16))))!;
        var range = ex.Findings.Single(x => x.Check == PreflightCheck.ImageValueRange);
        Assert.That(range.Message, Does.Contain("value_range [0,255]").And.Contain("[0,1] scale").And.Contain("255 times too large"));
    }

    [Test]
    public void Images_declared_0_1_with_0_255_stats_are_refused()
    {
        var f = new LinearPolicyFixture { ImageStats = new(Min: [0, 0, 0], Max: [255, 255, 255], Mean: [100, 120, 130], Std: [50, 60, 70]) };
        using var policy = OnnxPolicy.Load(Package(f));
        var range = policy.Preflight(Robots.So101(("top", 16, 16))).Single(x => x.Check == PreflightCheck.ImageValueRange);
        Assert.That(range.Message, Does.Contain("value_range [0,1]").And.Contain("[0,255] scale").And.Contain("255 times too small"));
    }

    // (e) de-normalised probe actions far outside the limits / data
    [Test]
    public void Actions_denormalised_twice_are_refused()
    {
        // The model already outputs robot units (tanh * 30); the package de-normalises again.
        var f = new LinearPolicyFixture { BakedActionScale = 30 };
        using var policy = OnnxPolicy.Load(Package(f));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.So101(("top", 16, 16))))!;
        var finding = ex.Findings.First(x => x.Check == PreflightCheck.ActionRange);
        Assert.That(finding.Message, Does.Contain("far outside the robot's joint limits").And.Contain("shoulder_pan.pos").And.Contain("de-normalised twice"));
    }

    [Test]
    public void Actions_never_denormalised_are_refused()
    {
        var f = new LinearPolicyFixture();
        f.Normalization.Remove(FeatureNames.Action);
        using var policy = OnnxPolicy.Load(Package(f));
        var ex = Assert.Throws<PreflightException>(() => policy.Check(Robots.So101(("top", 16, 16))))!;
        var finding = ex.Findings.Single(x => x.Check == PreflightCheck.ActionRange);
        Assert.That(finding.Message, Does.Contain("shoulder_lift.pos").And.Contain("training data [-100, -60]").And.Contain("does not de-normalise actions"));
    }

    // (f) per-episode state not cleared between episodes
    [Test]
    public void State_that_survives_reset_is_detected()
    {
        var f = new LinearPolicyFixture { WithImage = false, NObsSteps = 2 };
        f.Normalization.Remove("observation.images.top");
        using var inner = OnnxPolicy.Load(Package(f));
        var spec = Robots.So101();
        var first = ProbeObservation.Build(spec, [FeatureNames.State], 0.5);
        var other = ProbeObservation.Build(spec, [FeatureNames.State], 0.25);
        Assert.That(EpisodeStateCheck.Run(inner, first, other), Is.Empty, "OnnxPolicy clears its history");

        var leaky = new ResetIgnoringPolicy(inner);
        var findings = EpisodeStateCheck.Run(leaky, first, other).ToList();
        Assert.That(findings.Single().Check, Is.EqualTo(PreflightCheck.EpisodeState));
        Assert.That(findings.Single().Message, Does.Contain("survives Reset"));
    }

    [Test]
    public void Force_turns_failures_into_warnings_and_all_failures_are_listed()
    {
        var f = new LinearPolicyFixture { ImageRange = ValueRange.Byte, BakedActionScale = 30 };
        string dir = Package(f);
        using (var strict = OnnxPolicy.Load(dir))
        {
            var ex = Assert.Throws<PreflightException>(() => strict.Check(Robots.So101(("top", 16, 16))))!;
            Assert.That(ex.Findings.Select(x => x.Check).Distinct(),
                Is.EquivalentTo(new[] { PreflightCheck.NormalizationStats, PreflightCheck.ImageValueRange, PreflightCheck.ActionRange }));
            Assert.That(ex.Message, Does.Contain("--force"));
        }
        using var forced = OnnxPolicy.Load(dir, new OnnxPolicyOptions(Force: true));
        Assert.DoesNotThrow(() => forced.Check(Robots.So101(("top", 16, 16))));
        Assert.That(forced.Warnings.Select(w => w.Check), Does.Contain(PreflightCheck.ImageValueRange));
    }

    [Test]
    public void Package_errors_name_the_field_and_the_fix()
    {
        var f = new LinearPolicyFixture();
        string dir = Package(f);
        File.Delete(Path.Combine(dir, "stats.json"));
        var noStats = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(dir))!;
        Assert.That(noStats.Message, Does.Contain("meta/stats.json").And.Contain("observation.state"));

        string json = File.ReadAllText(Path.Combine(dir, "policy.json"));
        f.Write(dir);
        File.WriteAllText(Path.Combine(dir, "policy.json"), json.Replace("\"NCHW\"", "\"CHW\""));
        var layout = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(dir))!;
        Assert.That(layout.Message, Does.Contain("inputs[1].layout is 'CHW'").And.Contain("'NCHW' or 'NHWC'"));

        File.WriteAllText(Path.Combine(dir, "policy.json"), json.Replace("\"tensor\": \"image\"", "\"tensor\": \"camera\""));
        var tensor = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(dir))!;
        Assert.That(tensor.Message, Does.Contain("feeds input 'camera', which the model does not have").And.Contain("image: float32[1,3,8,8] is not declared"));

        Assert.That(() => OnnxPolicy.Load(Path.Combine(_dir, "nothing")), Throws.TypeOf<DirectoryNotFoundException>());
    }

    [Test]
    public void Temporal_ensembling_hint_requires_one_action_per_query()
    {
        var f = new LinearPolicyFixture { EnsembleCoeff = 0.01, NActionSteps = 1 };
        using (var policy = OnnxPolicy.Load(Package(f)))
            Assert.That(policy.Hint, Is.EqualTo(new ExecutionHint(1, 0.01)));
        f.NActionSteps = 4;
        var ex = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(Package(f, "bad")))!;
        Assert.That(ex.Message, Does.Contain("n_action_steps").And.Contain("temporal_ensemble_coeff"));
    }

    [Test]
    public void LeRobot_shaped_stats_json_is_read_with_per_channel_image_stats()
    {
        string path = Path.Combine(_dir, "stats.json");
        File.WriteAllText(path, """
        {
          "observation.state": {"min": [-1.5, 2], "max": [1.5, 3], "mean": [0.1, 2.5], "std": [0.5, 0.2], "count": [1200],
                                "q01": [-1.2, 2.01], "q10": [-1, 2.1], "q50": [0, 2.5], "q90": [1, 2.9], "q99": [1.2, 2.99]},
          "observation.images.top": {"mean": [[[0.48]], [[0.46]], [[0.41]]], "std": [[[0.23]], [[0.22]], [[0.22]]],
                                     "min": [[[0.0]], [[0.0]], [[0.0]]], "max": [[[1.0]], [[1.0]], [[1.0]]], "count": [500]}
        }
        """);
        var stats = PolicyStats.Load(path);
        Assert.That(stats.For("observation.state")!.Q99, Is.EqualTo(new[] { 1.2, 2.99 }));
        Assert.That(stats.For("observation.state")!.Count, Is.EqualTo(1200));
        Assert.That(stats.For("observation.images.top")!.Mean, Is.EqualTo(new[] { 0.48, 0.46, 0.41 }));
        stats.Save(path);
        Assert.That(File.ReadAllText(path), Does.Contain("0.48"));
        Assert.That(PolicyStats.Load(path).For("observation.images.top")!.Std, Is.EqualTo(new[] { 0.23, 0.22, 0.22 }));
        var q = FeatureNormalizer.Create("observation.state", NormalizationMode.Quantile, stats.For("observation.state"));
        Assert.That(q.Normalize(1.2, 0), Is.EqualTo(1).Within(1e-6));
        Assert.That(q.Normalize(2.01, 1), Is.EqualTo(-1).Within(1e-6));
        Assert.That(q.Denormalize(0, 0), Is.EqualTo(0).Within(1e-9));
        var mm = FeatureNormalizer.Create("observation.state", NormalizationMode.MinMax, stats.For("observation.state"));
        Assert.That(mm.Normalize(-1.5, 0), Is.EqualTo(-1).Within(1e-6));
    }

    /// <summary>An adapter with the classic bug: Reset does not reach the state it keeps.</summary>
    private sealed class ResetIgnoringPolicy(IPolicy inner) : IPolicy
    {
        public string Name => "leaky";
        public PolicyInputs Inputs => inner.Inputs;
        public ExecutionHint Hint => inner.Hint;
        public void Reset() { }
        public ActionChunk Infer(Observation observation, string task) => inner.Infer(observation, task);
        public void Dispose() { }
    }
}
