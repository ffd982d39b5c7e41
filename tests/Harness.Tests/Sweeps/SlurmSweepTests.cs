using System.Diagnostics;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>A 4-shard sweep through a real single-node Slurm (scripts/slurm-local.sh) equals the unsharded sweep.</summary>
[NonParallelizable]
public class SlurmSweepTests
{
    private bool _startedHere;

    private static (int Code, string Output) Script(string verb)
    {
        var psi = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "slurm-local.sh")) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(verb);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    [OneTimeSetUp]
    public void StartSlurm()
    {
        if (Environment.UserName != "root" && !File.Exists("/usr/bin/sbatch"))
            Assert.Ignore("Slurm is not installed and installing it (scripts/slurm-local.sh start) needs root or sudo.");
        _startedHere = Script("status").Code != 0;
        var (code, output) = Script("start");
        Assert.That(code, Is.EqualTo(0), output);
    }

    [OneTimeTearDown]
    public void StopSlurm()
    {
        if (_startedHere) Script("stop");
    }

    [Test]
    public void A_four_shard_job_array_gives_the_unsharded_sweep_and_a_rerun_resubmits_only_unfinished_shards()
    {
        using var dir = new TempDir("slurm");
        string[] names = ["so101_state_mlp_5", "so101_state_mlp_20", "so101_state_mlp_80", "so101_state_mlp_320"];
        var list = SweepFixture.List(dir, names);
        var sl = SweepFixture.RunChild(SweepFixture.Args(list, 3, dir["sl"], "--slurm", "--array-parallelism", "2"), timeoutS: 600);
        Assert.That(sl.Code, Is.EqualTo(0), sl.Out + sl.Err);
        Assert.That(sl.Out, Does.Contain("submitted job array").And.Contain("(shards 0,1,2,3%2)"), "two tasks at a time");
        Assert.That(File.ReadAllText(dir["sl/slurm/sweep.sbatch"]), Does.Contain("--shard \"$SHARD/4\""));
        Assert.That(InProcessCli.Run(SweepFixture.Args(list, 3, dir["whole"])).Code, Is.EqualTo(0));
        SweepFixture.AssertSameRuns(dir["whole"], dir["sl"], names);

        // Lose one shard's result: the same command resubmits that shard only, then merges again.
        Directory.Delete(dir["sl/slurm/shard_2"], recursive: true);
        var again = SweepFixture.RunChild(SweepFixture.Args(list, 3, dir["sl"], "--slurm", "--resume"), timeoutS: 600);
        Assert.That(again.Code, Is.EqualTo(0), again.Out + again.Err);
        Assert.That(again.Out, Does.Contain("resubmitting the 1 unfinished shard(s) of 4: 2").And.Contain("(shards 2)"));
        SweepFixture.AssertSameRuns(dir["whole"], dir["sl"], names);
    }

    [Test]
    public void A_failing_task_is_reported_with_its_log_path()
    {
        using var dir = new TempDir("slurm");
        var list = SweepFixture.List(dir, "so101_state_mlp_80");
        // A package that pre-flight refuses: the shard task fails inside Slurm.
        Directory.CreateDirectory(dir["bad"]);
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies/so101_state_mlp_80"))) File.Copy(f, Path.Combine(dir["bad"], Path.GetFileName(f)));
        File.WriteAllText(dir["bad/policy.json"], File.ReadAllText(dir["bad/policy.json"]).Replace("\"observation.environment_state\",", "\"observation.object_pose\","));
        File.AppendAllLines(list, ["onnx:" + dir["bad"]]);
        var r = SweepFixture.RunChild(SweepFixture.Args(list, 1, dir["sl"], "--slurm"), timeoutS: 600);
        Assert.That(r.Code, Is.EqualTo(1), r.Out + r.Err);
        Assert.That(r.Err, Does.Contain("shard 1/2: exit code 1").And.Contain(dir["sl/slurm/logs/shard_1.log"]).And.Contain("observation.object_pose"));
        Assert.That(r.Err, Does.Contain("resubmit only the unfinished shards"));
    }
}
