using Harness.Core.Policies;
using Harness.Learning;
using Harness.Policies.Onnx;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>
/// One broken package per fault class (built from the shipped so101_state_mlp_80), each refused by
/// pre-flight on the so101-pick-place scene's own reset states with a message naming the feature
/// or joint and what to do; the shipped packages pass with no warning.
/// </summary>
public class FaultPackageTests
{
    private TempDir _dir = null!;
    private PreflightContext _scene = null!;

    [OneTimeSetUp]
    public void CollectProbes()
    {
        _dir = new TempDir();
        using var env = new MujocoEnv(SceneCatalog.Get("so101-pick-place"));
        _scene = PreflightContext.Collect(env, runSeed: 0, env.TaskText);
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    private PreflightReport Preflight(string package)
    {
        using var policy = OnnxPolicy.Load(package);
        return policy.Preflight(_scene);
    }

    private PreflightResult RefusedBy(string package, string check)
    {
        var report = Preflight(package);
        TestContext.Out.WriteLine(string.Join("\n", report.Notices));
        Assert.That(report.Refused, Is.True, "refused");
        var failure = report.Failures.FirstOrDefault(f => f.Check == check);
        Assert.That(failure, Is.Not.Null, $"a {check} failure among: {string.Join("; ", report.Failures)}");
        return failure!;
    }

    [TestCase("so101_state_mlp_5")]
    [TestCase("so101_state_mlp_20")]
    [TestCase("so101_state_mlp_80")]
    [TestCase("so101_state_mlp_320")]
    public void Shipped_packages_pass_with_no_warning(string name)
    {
        var report = Preflight(RepoPaths.Root + "/policies/" + name);
        Assert.That(report.Notices, Is.Empty);
        Assert.That(report.Results.Where(r => r.Status == PreflightStatus.Pass).Select(r => r.Check),
            Is.SupersetOf(new[] { "ObservedRange", "FirstAction", "StatsConsistency", "ChunkLength", "EpisodeState" }));
    }

    [Test]
    public void Actions_never_denormalised_are_refused_at_the_first_action()
    {
        var f = RefusedBy(FaultPackages.NeverDenormalised(_dir.Path), "FirstAction");
        Assert.That(f.Message, Does.Contain("'wrist_flex.pos'").And.Contain("never de-normalised"));
    }

    [Test]
    public void State_statistics_in_radians_are_refused_naming_the_joint_and_unit()
    {
        var f = RefusedBy(FaultPackages.StateStatsInRadians(_dir.Path), "ObservedRange");
        Assert.That(f.Message, Does.Contain("'shoulder_lift.pos'").Or.Contain("'elbow_flex.pos'").Or.Contain("'wrist_flex.pos'"));
        Assert.That(f.Message, Does.Contain("deg").And.Contain("radians vs degrees"));
    }

    [Test]
    public void Flipped_normalisation_mode_is_refused_by_the_reference_pair()
    {
        // The shipped packages predate reference.json; a package from `harness distill` carries one,
        // and with it a flipped mode (mean_std -> min_max) is refused even where the probes look plausible.
        string dir = Path.Combine(_dir.Path, "distilled");
        Distiller.Run(SceneCatalog.Get("so101-pick-place"), new DistillationOptions(Demos: 5, Hidden: 64, Epochs: 40), dir);
        Assert.That(Preflight(dir).Notices, Is.Empty, "the intact distilled package passes, reference included");
        Assert.That(Preflight(dir).Results.Single(r => r.Check == "Reference").Status, Is.EqualTo(PreflightStatus.Pass));
        FaultPackages.EditJson(dir, "policy.json", p => p["normalization"]!["action"] = "min_max");
        var f = RefusedBy(dir, "Reference");
        Assert.That(f.Message, Does.Contain(".pos'").And.Contain("normalization modes"));
        FaultPackages.EditJson(dir, "policy.json", p => { p["normalization"]!["action"] = "mean_std"; p["normalization"]!["observation.state"] = "quantile"; });
        Assert.That(RefusedBy(dir, "Reference").Message, Does.Contain("reproduce reference.json"));
    }

    [Test]
    public void Swapped_action_dimensions_in_the_model_are_refused_naming_the_joints()
    {
        var f = RefusedBy(FaultPackages.SwappedActionDims(_dir.Path), "FirstAction");
        Assert.That(f.Message, Does.Contain("'elbow_flex.pos'").Or.Contain("'wrist_flex.pos'"));
        Assert.That(f.Message, Does.Contain("another order"));
    }

    [Test]
    public void Near_zero_std_on_a_feature_the_mid_range_probe_misses_is_refused_on_real_observations()
    {
        var dir = FaultPackages.NearZeroStd(_dir.Path);
        using (var policy = OnnxPolicy.Load(dir))
            Assert.That(policy.Preflight(_scene.Spec).Where(f => f.Check == Harness.Policies.Onnx.Preflight.PreflightCheck.ObservedRange), Is.Empty,
                "the synthetic probe sits at the training mean and sees nothing (the reference pair does)");
        var f = RefusedBy(dir, "ObservedRange");
        Assert.That(f.Message, Does.Contain("observation.environment_state").And.Contain("near-zero spread"));
    }

    [Test]
    public void Swapped_action_statistics_are_refused_naming_both_joints()
    {
        var f = RefusedBy(FaultPackages.SwappedActionStats(_dir.Path), "StatsConsistency");
        Assert.That(f.Message, Does.Contain("'elbow_flex.pos'").And.Contain("'wrist_flex.pos'").And.Contain("swapped"));
    }

    [Test]
    public void Impossible_statistics_are_refused()
    {
        var f = RefusedBy(FaultPackages.MinAboveMax(_dir.Path), "StatsConsistency");
        Assert.That(f.Message, Does.Contain("observation.state").And.Contain("min 500 > max").And.Contain("Recompute"));
    }

    [Test]
    public void More_action_steps_than_the_chunk_holds_are_refused()
    {
        var f = RefusedBy(FaultPackages.ActionStepsBeyondChunk(_dir.Path), "ChunkLength");
        Assert.That(f.Message, Does.Contain("n_action_steps 50").And.Contain("chunks of 10").And.Contain("at most 10"));
    }

    [Test]
    public void A_policy_trained_at_another_rate_is_refused()
    {
        var f = RefusedBy(FaultPackages.OtherFps(_dir.Path, _scene.Spec.ControlHz * 2), "ControlRate");
        Assert.That(f.Message, Does.Contain("fps").And.Contain("Hz"));
        Assert.That(Preflight(FaultPackages.OtherFps(_dir.Path + "/same", _scene.Spec.ControlHz)).Failures, Is.Empty, "the scene's own rate passes");
    }
}
