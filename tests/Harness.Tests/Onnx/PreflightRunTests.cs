using System.Text.Json.Nodes;
using Harness.Cli.Commands;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Onnx;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Server;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>Pre-flight where runs start: `harness eval` (refused, forced), `harness serve`, and openpi policies through a server.</summary>
public class PreflightRunTests
{
    private static string[] Eval(string package, string outDir, params string[] extra) =>
        ["eval", "--scene", "so101-pick-place", "--policy", "onnx:" + package, "--episodes", "2", "--max-steps", "5", "--out", outDir, .. extra];

    [Test]
    public void A_refused_eval_names_the_joint_and_leaves_no_run_folder()
    {
        using var dir = new TempDir();
        var broken = FaultPackages.NeverDenormalised(dir.Path);
        var (code, _, err) = InProcessCli.Run(Eval(broken, dir["run"]));
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(err, Does.Contain("[FirstAction]").And.Contain("'wrist_flex.pos'").And.Contain("--force"));
        Assert.That(Directory.Exists(dir["run"]), Is.False, "a refused run leaves nothing behind");
    }

    [Test]
    public void A_forced_eval_prints_its_findings_and_keeps_every_check_in_run_json()
    {
        using var dir = new TempDir();
        var broken = FaultPackages.NeverDenormalised(dir.Path);
        var (code, _, err) = InProcessCli.Run(Eval(broken, dir["run"], "--force"));
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(err, Does.Contain("accepted with --force").And.Contain("[FirstAction]"));
        var checks = JsonNode.Parse(File.ReadAllText(dir["run/run.json"]))!["preflight"]!.AsArray()
            .ToDictionary(e => e!["check"]!.GetValue<string>(), e => e!["result"]!.GetValue<string>());
        Assert.That(checks["FirstAction"], Is.EqualTo("fail"));
        Assert.That(checks["ObservedRange"], Is.EqualTo("pass"));
        // The shipped package carries reference.json: actions left normalised cannot reproduce it.
        Assert.That(checks["Reference"], Is.EqualTo("fail"));
        Assert.That(checks, Has.Count.EqualTo(Enum.GetValues<Harness.Policies.Onnx.Preflight.PreflightCheck>().Length));

        // Reports show the accepted failure next to the run.
        var (reportCode, _, reportErr) = InProcessCli.Run("report", dir["run"], "--out", dir["report"]);
        Assert.That(reportCode, Is.EqualTo(0), reportErr);
        Assert.That(File.ReadAllText(dir["report/report.md"]), Does.Contain("pre-flight failure accepted with --force: [FirstAction]"));
    }

    [Test]
    public void Serve_refuses_a_broken_package_before_the_port_opens_unless_forced()
    {
        using var dir = new TempDir();
        var broken = FaultPackages.NeverDenormalised(dir.Path);
        var ex = Assert.Throws<PreflightRefusedException>(() =>
            ServeCommand.Serve("onnx:" + broken, "so101-pick-place", "127.0.0.1", 0, "lerobot", CancellationToken.None,
                _ => Assert.Fail("the server must not start")))!;
        Assert.That(ex.Message, Does.Contain("'wrist_flex.pos'"));

        using var stop = new CancellationTokenSource();
        int? port = null;
        int code = ServeCommand.Serve("onnx:" + broken, "so101-pick-place", "127.0.0.1", 0, "lerobot", stop.Token,
            server => { port = server.Port; stop.Cancel(); }, force: true);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(port, Is.GreaterThan(0));
    }

    [Test]
    public void A_history_keeping_policy_served_without_episode_starts_is_flagged()
    {
        using var dir = new TempDir();
        var f = new LinearPolicyFixture { WithImage = false, NObsSteps = 2 };
        f.Normalization.Remove(FeatureNames.Image(LinearPolicyFixture.Camera));
        using var keeps = OnnxPolicy.Load(f.Write(dir["history"]));
        var spec = Robots.So101();
        var ctx = new PreflightContext(spec, "", [Robots.Observe([10, -80, 0, 5, 0, 30]), Robots.Observe([20, -70, 10, 0, 5, 60])], []);

        var without = ServedHistoryCheck.Run(keeps, ctx, layoutSendsEpisodeStart: false);
        Assert.That(without.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(without.Message, Does.Contain("send_episode_start"));
        Assert.That(ServedHistoryCheck.Run(keeps, ctx, layoutSendsEpisodeStart: true).Status, Is.EqualTo(PreflightStatus.Warn));

        var g = new LinearPolicyFixture { WithImage = false };
        g.Normalization.Remove(FeatureNames.Image(LinearPolicyFixture.Camera));
        using var stateless = OnnxPolicy.Load(g.Write(dir["stateless"]));
        Assert.That(ServedHistoryCheck.Run(stateless, ctx, layoutSendsEpisodeStart: false).Status, Is.EqualTo(PreflightStatus.Pass));
    }

    [Test]
    public async Task Openpi_preflight_probes_the_server_with_the_scenes_reset_states()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        var package = Path.Combine(RepoPaths.Root, "policies", "so101_state_mlp_80");
        using var env = new MujocoEnv(scene);
        var ctx = PreflightContext.Collect(env, 0, env.TaskText);
        Dictionary<string, object?> metadata;
        using (var local = OnnxPolicy.Load(package)) metadata = ServedMetadata.For(local, "onnx:" + package, env.Spec);
        await using var server = new PolicyServer(() => OnnxPolicy.Load(package), new PolicyServerOptions { Port = 0, Metadata = metadata });
        server.Start();
        using var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}", new OpenPiOptions { Robot = env.Spec });

        var report = policy.Preflight(ctx);
        Assert.That(report.Results.Select(r => (r.Check, r.Status)), Is.EquivalentTo(new[]
        {
            ("Layout", PreflightStatus.Pass), ("Language", PreflightStatus.Pass), ("ActionDimension", PreflightStatus.Pass),
            ("FirstAction", PreflightStatus.Pass), ("EpisodeState", PreflightStatus.Pass),
        }));
        Assert.That(policy.ServedFirstActionTolerance, Has.Count.EqualTo(6));

        // Without the package's tolerance (another server), a quarter of each joint's range is the rule: the
        // scripted expert turns the wrist to the block's yaw from the first step (111 deg at seed 0) and the
        // state policy imitates it, so wrist_roll (80 deg there), and only it, is flagged.
        await using var plain = new PolicyServer(() => OnnxPolicy.Load(package), new PolicyServerOptions { Port = 0 });
        plain.Start();
        using var other = OpenPiPolicy.FromSpec($"openpi:{plain.Endpoint}", new OpenPiOptions { Robot = env.Spec });
        var first = other.Preflight(ctx).Results.Single(r => r.Check == "FirstAction");
        Assert.That(first.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(first.Message, Does.Contain("'wrist_roll.pos'").And.Contain("tolerance 80, 25 % of the range"));
        foreach (var joint in new[] { "shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex" })
            Assert.That(first.Message, Does.Not.Contain($"'{joint}.pos'"));

        var silent = policy.Preflight(ctx with { TaskText = " " });
        Assert.That(silent.Refused, Is.True);
        Assert.That(silent.Failures.Single().Check, Is.EqualTo("Language"));
        Assert.That(silent.Failures.Single().Message, Does.Contain("--prompt"));
    }

    [Test]
    public async Task Openpi_preflight_refuses_a_server_whose_actions_start_far_from_the_robot()
    {
        using var dir = new TempDir();
        var broken = FaultPackages.NeverDenormalised(dir.Path);
        await using var server = new PolicyServer(() => OnnxPolicy.Load(broken), new PolicyServerOptions { Port = 0 });
        server.Start();
        using var env = new MujocoEnv(SceneCatalog.Get("so101-pick-place"));
        var ctx = PreflightContext.Collect(env, 0, env.TaskText);
        using var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}", new OpenPiOptions { Robot = env.Spec });
        var report = policy.Preflight(ctx);
        TestContext.Out.WriteLine(string.Join("\n", report.Notices));
        Assert.That(report.Refused, Is.True, string.Join("\n", report.Results));
        Assert.That(report.Failures.Single().Check, Is.EqualTo("FirstAction"));
        Assert.That(report.Failures.Single().Message, Does.Contain("'wrist_flex.pos'").And.Contain("de-normalises"));
    }
}
