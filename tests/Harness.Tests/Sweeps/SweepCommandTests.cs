using System.Text.Json;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>`harness sweep` and `harness merge` on the real scene with the shipped packages.</summary>
[NonParallelizable]
public class SweepCommandTests
{
    private static readonly string[] Names = ["so101_state_mlp_5", "so101_state_mlp_20", "so101_state_mlp_80"];

    [Test]
    public void Shards_merge_into_exactly_the_unsharded_sweep_and_foreign_shards_are_refused()
    {
        using var dir = new TempDir("sweep");
        var list = SweepFixture.List(dir, Names);
        var (code, output, err) = InProcessCli.Run(SweepFixture.Args(list, 3, dir["whole"]));
        Assert.That(code, Is.EqualTo(0), err);
        // Plain progress lines (not a terminal): per checkpoint done / successes, overall count with ETA.
        Assert.That(output, Does.Contain("so101_state_mlp_80: 3/3 done"));
        Assert.That(output, Does.Match(@"\[sweep \d+/9, ETA"));
        Assert.That(File.Exists(dir["whole/report/report.md"]), Is.True);
        Assert.That(Directory.GetDirectories(dir["whole"]).Select(Path.GetFileName).Order(), Is.EqualTo(Names.Append("report").Order()));
        using (var run = JsonDocument.Parse(File.ReadAllText(dir["whole/so101_state_mlp_80/run.json"])))
            Assert.That(run.RootElement.GetProperty("checkpoint").GetProperty("training_step").GetInt64(), Is.EqualTo(11040), "step from policy.json");

        // 9 pairs in 2 shards: shard 0 = mlp_5 (all) + mlp_20 episode 0; shard 1 = the rest.
        Assert.That(InProcessCli.Run(SweepFixture.Args(list, 3, dir["s0"], "--shard", "0/2")).Code, Is.EqualTo(0));
        Assert.That(InProcessCli.Run(SweepFixture.Args(list, 3, dir["s1"], "--shard", "1/2")).Code, Is.EqualTo(0));
        Assert.That(SweepFixture.Rows(dir["s0/so101_state_mlp_20/episodes.csv"]), Is.EqualTo(1));
        Assert.That(SweepFixture.Rows(dir["s1/so101_state_mlp_20/episodes.csv"]), Is.EqualTo(2));
        var merged = InProcessCli.Run("merge", dir["s1"], dir["s0"], "--out", dir["merged"]);
        Assert.That(merged.Code, Is.EqualTo(0), merged.Err);
        SweepFixture.AssertSameRuns(dir["whole"], dir["merged"], Names);

        // A missing shard, a repeated one, and shards of another sweep are refused, naming the problem.
        var missing = InProcessCli.Run("merge", dir["s0"], "--out", dir["m2"]);
        Assert.That(missing.Err, Does.Contain("shard(s) 1/2 missing"));
        var twice = InProcessCli.Run("merge", dir["s0"], dir["s0"], "--out", dir["m3"]);
        Assert.That(twice.Err, Does.Contain("given twice"));
        CopyDir(dir["s1"], dir["s1-other"]);
        var manifest = File.ReadAllText(dir["s1-other/sweep.json"]);
        File.WriteAllText(dir["s1-other/sweep.json"], manifest.Replace("\"seed\": 0", "\"seed\": 1"));
        var seed = InProcessCli.Run("merge", dir["s0"], dir["s1-other"], "--out", dir["m4"]);
        Assert.That(seed.Code, Is.EqualTo(2));
        Assert.That(seed.Err, Does.Contain("different sweeps").And.Contain("seed: 0 vs 1"));
        // The sha256 that follows the first checkpoint's name (so101_state_mlp_5); the scene's comes before it.
        var sha = System.Text.RegularExpressions.Regex.Match(manifest[manifest.IndexOf("so101_state_mlp_5", StringComparison.Ordinal)..], "\"sha256\": \"([0-9a-f]{64})\"");
        Assert.That(sha.Success, Is.True);
        // The first checkpoint's weights (so101_state_mlp_5) differ in the other shard.
        File.WriteAllText(dir["s1-other/sweep.json"], manifest.Replace(sha.Value, sha.Value.Replace(sha.Groups[1].Value, new string('0', 64))));
        var hash = InProcessCli.Run("merge", dir["s0"], dir["s1-other"], "--out", dir["m5"]);
        Assert.That(hash.Err, Does.Contain("checkpoint so101_state_mlp_5 sha256"));
        Assert.That(Directory.Exists(dir["m4/so101_state_mlp_5"]), Is.False, "nothing merged from refused shards");
    }

    [Test]
    public void A_sweep_killed_with_sigkill_continues_without_losing_or_repeating_an_episode()
    {
        using var dir = new TempDir("sweep");
        var list = SweepFixture.List(dir, "so101_state_mlp_80", "so101_state_mlp_20");
        var args = SweepFixture.Args(list, 6, dir["killed"]);
        var csv = dir["killed/so101_state_mlp_80/episodes.csv"];
        using (var child = SweepFixture.Start(args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (SweepFixture.Rows(csv) < 3 && !child.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.That(child.HasExited, Is.False, "the sweep should still be running when it is killed");
            child.Kill(); // SIGKILL: no handler runs, nothing is flushed or finalised
            child.WaitForExit();
        }
        var before = File.ReadAllLines(csv);
        Assert.That(before.Length - 1, Is.InRange(3, 5));
        // A row the kill cut in half (as a write interrupted mid-line leaves it) must never be counted.
        File.AppendAllText(csv, "5,596231002,SUCC");

        var (code, _, err) = SweepFixture.RunChild(args);
        Assert.That(code, Is.EqualTo(0), err);
        var after = File.ReadAllLines(csv);
        Assert.That(after.Take(before.Length), Is.EqualTo(before), "rows finished before the kill are kept byte for byte (timings too): not run again");
        Assert.That(after.Skip(1).Select(l => int.Parse(l.Split(',')[0])), Is.EqualTo(Enumerable.Range(0, 6)));
        Assert.That(InProcessCli.Run(SweepFixture.Args(list, 6, dir["clean"])).Code, Is.EqualTo(0));
        SweepFixture.AssertSameRuns(dir["clean"], dir["killed"], ["so101_state_mlp_80", "so101_state_mlp_20"]);

        // Another command into the same folder is refused, naming the difference.
        var other = InProcessCli.Run(SweepFixture.Args(list, 6, dir["killed"], "--max-steps", "200"));
        Assert.That(other.Code, Is.EqualTo(2));
        Assert.That(other.Err, Does.Contain("holds another sweep").And.Contain("setting max_steps: (none) vs 200"));
    }

    [Test]
    public void Eval_resume_continues_a_run_and_refuses_one_of_another_experiment()
    {
        using var dir = new TempDir("resume");
        string[] Eval(int episodes, params string[] more) =>
            ["eval", "--scene", SweepFixture.Scene, "--episodes", episodes.ToString(), "--out", dir["run"], .. more,
             .. more.Contains("--policy") ? Array.Empty<string>() : ["--policy", "scripted"]];
        Assert.That(InProcessCli.Run(Eval(2)).Code, Is.EqualTo(0));
        var first = File.ReadAllLines(dir["run/episodes.csv"]);
        var plain = InProcessCli.Run(Eval(3));
        Assert.That(plain.Err, Does.Contain("--resume"));
        var wrongSeed = InProcessCli.Run(Eval(3, "--resume", "--seed", "1"));
        Assert.That(wrongSeed.Err, Does.Contain("cannot resume").And.Contain("seed: 0 vs 1"));
        var wrongPolicy = InProcessCli.Run(Eval(3, "--resume", "--max-steps", "100", "--policy", "scripted:stall"));
        Assert.That(wrongPolicy.Err, Does.Contain("setting max_steps: 300 vs 100").And.Contain("checkpoint: scripted vs scripted:stall"));
        Assert.That(File.ReadAllLines(dir["run/episodes.csv"]), Is.EqualTo(first), "a refused resume changes nothing");
        var ok = InProcessCli.Run(Eval(3, "--resume"));
        Assert.That(ok.Code, Is.EqualTo(0), ok.Err);
        var after = File.ReadAllLines(dir["run/episodes.csv"]);
        Assert.That(after.Take(3), Is.EqualTo(first));
        Assert.That(after, Has.Length.EqualTo(4));
        Assert.That(Harness.Eval.Runs.RunDirectoryReader.ReadSummary(dir["run"]).Complete, Is.True);
    }

    private static void CopyDir(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(d.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, f.Replace(from, to));
    }
}
