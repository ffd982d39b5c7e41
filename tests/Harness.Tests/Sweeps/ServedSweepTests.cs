using Harness.Eval.Sweeps.Serving;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>--serve-cmd: one real policy server process per checkpoint, evaluated over the openpi protocol.</summary>
[NonParallelizable]
public class ServedSweepTests
{
    private static string Cut(string csv) => string.Join("\n", File.ReadAllLines(csv).Select(l => string.Join(",", l.Split(',')[..5])));

    [Test]
    public void Checkpoints_served_by_harness_serve_give_the_local_outcomes_and_no_server_outlives_its_checkpoint()
    {
        using var dir = new TempDir("served");
        Directory.CreateDirectory(dir["ckpt"]);
        foreach (var p in new[] { "so101_state_mlp_20", "so101_state_mlp_80" })
            Directory.CreateSymbolicLink(dir[$"ckpt/{p}"], Path.Combine(RepoPaths.Root, "policies", p));
        var serve = $"{ServeTemplate.ShellQuote(SweepFixture.Binary)} serve --policy onnx:{{checkpoint}} --scene {SweepFixture.Scene} --port {{port}}";
        var served = InProcessCli.Run(SweepFixture.Args(dir["ckpt"] + "/*", 2, dir["served"], "--serve-cmd", serve));
        Assert.That(served.Code, Is.EqualTo(0), served.Err);
        var local = InProcessCli.Run(SweepFixture.Args(SweepFixture.List(dir, "so101_state_mlp_20", "so101_state_mlp_80"), 2, dir["local"]));
        Assert.That(local.Code, Is.EqualTo(0), local.Err);
        foreach (var n in new[] { "so101_state_mlp_20", "so101_state_mlp_80" })
        {
            Assert.That(Cut(dir[$"served/{n}/episodes.csv"]), Is.EqualTo(Cut(dir[$"local/{n}/episodes.csv"])), n);
            var s = Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir[$"served/{n}"]);
            Assert.That(s.Checkpoint!.Sha256, Is.EqualTo(Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir[$"local/{n}"]).Checkpoint!.Sha256), "the served folder's hash is recorded");
            Assert.That(s.Policy, Does.StartWith("served:"));
            var log = File.ReadAllText(dir[$"served/logs/{n}.server.log"]);
            Assert.That(log, Does.Contain("serving onnx:").And.Contain("stopped process group"));
            int group = int.Parse(System.Text.RegularExpressions.Regex.Match(log, @"stopped process group (\d+)").Groups[1].Value);
            Assert.That(Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Any(p => p == group.ToString()), Is.False, "the server process is gone");
        }
    }

    [Test]
    public void A_server_that_fails_to_start_is_reported_with_its_log_and_the_other_checkpoints_still_run()
    {
        using var dir = new TempDir("served");
        Directory.CreateDirectory(dir["ckpt/a_step_1"]);
        Directory.CreateDirectory(dir["ckpt/b_step_2"]);
        // Fails for checkpoint a only; b is served by harness serve.
        var cmd = $"case {{checkpoint}} in *a_step_1) echo 'CUDA out of memory while loading weights'; exit 3;; esac; " +
                  $"exec {ServeTemplate.ShellQuote(SweepFixture.Binary)} serve --policy scripted --scene {SweepFixture.Scene} --port {{port}}";
        // --force: the served scripted expert turns the wrist to the block's yaw at once, which the client's
        // first-action check flags without a package's tolerance (25 % of the range); this test is about the server.
        var r = InProcessCli.Run(SweepFixture.Args(dir["ckpt"] + "/*", 1, dir["out"], "--serve-cmd", cmd, "--force"));
        Assert.That(r.Code, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("checkpoint a_step_1 failed").And.Contain("exited with code 3").And.Contain("CUDA out of memory"));
        Assert.That(r.Err, Does.Contain("run the same command again"));
        Assert.That(Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir["out/b_step_2"]).Complete, Is.True);
        Assert.That(Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir["out/b_step_2"]).TrainingStep, Is.EqualTo(2));
        Assert.That(Harness.Eval.Sweeps.SweepManifest.Read(dir["out"]).Result!.Failed, Is.EqualTo(new[] { "a_step_1" }));
    }

    [Test]
    public void Serve_lerobot_py_speaks_the_openpi_protocol_to_our_client()
    {
        var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", "import websockets, msgpack, numpy"])
            { RedirectStandardError = true, UseShellExecute = false });
        if (probe is null) Assert.Ignore("/usr/bin/python3 is missing");
        probe.WaitForExit();
        if (probe.ExitCode != 0)
            Assert.Ignore("Debian's python3-websockets, python3-msgpack and python3-numpy are needed by scripts/serve_lerobot.py: apt-get install -y python3-websockets python3-msgpack python3-numpy");
        using var dir = new TempDir("served");
        Directory.CreateDirectory(dir["run/checkpoints/000500/pretrained_model"]);
        var script = Path.Combine(RepoPaths.Root, "scripts", "serve_lerobot.py");
        var r = InProcessCli.Run(SweepFixture.Args(dir["run/checkpoints/*/pretrained_model"], 2, dir["out"],
            "--serve-cmd", $"/usr/bin/python3 {ServeTemplate.ShellQuote(script)} --dummy {{checkpoint}} --port {{port}}"));
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        var lines = File.ReadAllLines(dir["out/000500/episodes.csv"]);
        int calls = Array.IndexOf(lines[0].Split(','), "policy_calls");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        // The dummy holds the arm still: nothing is picked up, and 300 steps in chunks of 10 take 30 calls.
        Assert.That(rows.Select(c => c[2]), Is.EqualTo(new[] { "NEVER_PICKED_UP", "NEVER_PICKED_UP" }));
        Assert.That(rows.Select(c => c[calls]), Is.EqualTo(new[] { "30", "30" }));
        var s = Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir["out/000500"]);
        Assert.That(s.TrainingStep, Is.EqualTo(500));
        Assert.That(s.Extra!.ContainsKey("remote_timing_ms"), Is.True, "timings came back in the protocol's fields");
    }
}
