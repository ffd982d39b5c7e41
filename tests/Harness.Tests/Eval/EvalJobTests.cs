using System.Text.Json;
using Harness.Cli.Composition;
using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.Eval;

public class EvalJobTests
{
    private static EvalRequest Req(string outDir, int episodes = 6, int workers = 1, string policy = "scripted") =>
        new("so101-pick-place", policy, episodes, 0, outDir, workers);

    [Test]
    public void Writes_run_json_and_episodes_csv_with_the_fixed_fields()
    {
        using var dir = new TempDir();
        var s = EvalJob.Run(Req(dir["a"]));
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["a/run.json"]));
        var root = doc.RootElement;
        foreach (var field in new[] { "scene", "task", "policy", "seed", "episodes", "successes", "success_rate", "ci95", "outcomes", "metrics",
                     "complete", "harness_version", "mujoco_version", "started_at", "finished_at", "wall_s" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, field);
        foreach (var m in new[] { "pick_rate", "drop_rate", "avg_steps_success", "avg_max_height_m" })
            Assert.That(root.GetProperty("metrics").TryGetProperty(m, out _), Is.True, m);
        Assert.That(root.GetProperty("complete").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("mujoco_version").GetString(), Is.EqualTo("2.2.2"));
        Assert.That(root.GetProperty("ci95").GetArrayLength(), Is.EqualTo(2));

        var lines = File.ReadAllLines(dir["a/episodes.csv"]);
        Assert.That(lines, Has.Length.EqualTo(7));
        var header = lines[0].Split(',');
        Assert.That(header, Is.SupersetOf(new[] { "episode", "seed", "outcome", "success", "steps", "picked_up", "dropped",
            "max_object_height_m", "policy_calls", "wall_s", "error" }));
        Assert.That(lines.Skip(1).Select(l => int.Parse(l.Split(',')[0])), Is.EqualTo(Enumerable.Range(0, 6)), "rows in episode order");
        Assert.That(s.Successes, Is.EqualTo(lines.Skip(1).Count(l => l.Split(',')[3] == "true")));
        Assert.That(s.Outcomes.Values.Sum(), Is.EqualTo(6));
    }

    [Test]
    public void Same_command_twice_gives_identical_episodes_and_workers_never_change_results()
    {
        using var dir = new TempDir();
        EvalJob.Run(Req(dir["one"], 8, 1));
        EvalJob.Run(Req(dir["again"], 8, 1));
        EvalJob.Run(Req(dir["two"], 8, 2));
        var one = EpisodeCsvText.WithoutTiming(dir["one/episodes.csv"]);
        Assert.That(EpisodeCsvText.WithoutTiming(dir["again/episodes.csv"]), Is.EqualTo(one));
        Assert.That(EpisodeCsvText.WithoutTiming(dir["two/episodes.csv"]), Is.EqualTo(one));
    }

    [Test]
    public void Episode_i_gets_the_same_seed_whatever_the_policy()
    {
        using var dir = new TempDir();
        EvalJob.Run(Req(dir["a"], 4, policy: "scripted"));
        EvalJob.Run(Req(dir["b"], 4, policy: "scripted:stall"));
        string[] Seeds(string p) => File.ReadAllLines(p).Skip(1).Select(l => l.Split(',')[1]).ToArray();
        Assert.That(Seeds(dir["b/episodes.csv"]), Is.EqualTo(Seeds(dir["a/episodes.csv"])));
    }

    [Test]
    public void An_existing_run_is_never_overwritten_without_asking()
    {
        using var dir = new TempDir();
        EvalJob.Run(Req(dir["a"], 2));
        var before = File.ReadAllText(dir["a/episodes.csv"]);
        var ex = Assert.Throws<IOException>(() => EvalJob.Run(Req(dir["a"], 3)));
        Assert.That(ex!.Message, Does.Contain("--overwrite"));
        Assert.That(File.ReadAllText(dir["a/episodes.csv"]), Is.EqualTo(before));
        EvalJob.Run(Req(dir["a"], 3) with { Overwrite = true });
        Assert.That(File.ReadAllLines(dir["a/episodes.csv"]), Has.Length.EqualTo(4));
    }

    [Test]
    public void An_out_path_that_is_a_file_is_refused_clearly()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["file"], "not a directory");
        var ex = Assert.Throws<IOException>(() => EvalJob.Run(Req(dir["file"], 1)));
        Assert.That(ex!.Message, Does.Contain("is a file"));
        Assert.That(File.ReadAllText(dir["file"]), Is.EqualTo("not a directory"));
    }

    [Test]
    public void An_interrupted_run_keeps_its_episodes_and_says_incomplete()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        int seen = 0;
        Assert.Catch<OperationCanceledException>(() =>
            EvalJob.Run(Req(dir["a"], 20), _ => { if (++seen == 3) cts.Cancel(); }, cts.Token));
        var s = RunDirectoryReader.ReadSummary(dir["a"]);
        Assert.That(s.Complete, Is.False);
        int rows = File.ReadAllLines(dir["a/episodes.csv"]).Length - 1;
        Assert.That(rows, Is.InRange(3, 4));
        Assert.That(s.Episodes, Is.EqualTo(rows), "run.json counts exactly the rows on disk");
    }

    [Test]
    public void Bad_requests_are_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        Assert.That(Assert.Throws<ArgumentException>(() => EvalJob.Run(Req(dir["z"], 0)))!.Message, Does.Contain("--episodes"));
        Assert.That(Assert.Throws<ArgumentException>(() => EvalJob.Run(Req(dir["z"], -3)))!.Message, Does.Contain("--episodes"));
        Assert.That(Assert.Throws<UnknownPolicyException>(() => EvalJob.Run(Req(dir["z"], 1, policy: "nope")))!.Message, Does.Contain("scripted:weak-grip"));
        Assert.That(Directory.Exists(dir["z"]), Is.False);
    }
}
