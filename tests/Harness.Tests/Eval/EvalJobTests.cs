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
        foreach (var field in new[] { "format_version", "scene", "scene_identity", "task", "task_schema", "robot", "policy", "checkpoint", "settings",
                     "seed", "episodes", "successes", "success_rate", "ci95", "outcomes", "metrics",
                     "complete", "harness_version", "mujoco_version", "started_at", "finished_at", "wall_s" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, field);
        Assert.That(root.GetProperty("format_version").GetInt32(), Is.EqualTo(2));
        foreach (var m in new[] { "picked_up_rate", "dropped_rate", "max_object_height_m_mean", "final_goal_distance_m_mean" })
            Assert.That(root.GetProperty("metrics").TryGetProperty(m, out _), Is.True, m);
        // The schema travels with the run: every class with its definition, every metric with its unit.
        var schema = root.GetProperty("task_schema");
        var labels = schema.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("label").GetString()).ToArray();
        Assert.That(labels, Is.EqualTo(new[] { "SUCCESS", "NEVER_PICKED_UP", "TIMEOUT", "DROPPED_DURING_TRANSPORT", "MISSED_GOAL", "ERROR" }));
        Assert.That(schema.GetProperty("classes").EnumerateArray().All(c => c.GetProperty("definition").GetString()!.Length > 20), Is.True);
        var units = schema.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("unit").GetString());
        Assert.That(units["max_object_height_m"], Is.EqualTo("m"));
        Assert.That(units["picked_up"], Is.EqualTo("flag"));
        // The robot as the policy saw it: units and kinds per joint, camera fields of view.
        var joints = root.GetProperty("robot").GetProperty("joints").EnumerateArray().ToArray();
        Assert.That(joints.Select(j => j.GetProperty("unit").GetString()), Is.EqualTo(new[] { "deg", "deg", "deg", "deg", "deg", "0-100" }));
        Assert.That(joints[5].GetProperty("kind").GetString(), Is.EqualTo("Gripper"));
        Assert.That(root.GetProperty("robot").GetProperty("cameras").EnumerateArray().All(c => c.GetProperty("fovy_deg").GetDouble() > 10), Is.True);
        Assert.That(root.GetProperty("scene_identity").GetProperty("sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(root.GetProperty("settings").GetProperty("max_steps").GetInt32(), Is.EqualTo(300));
        Assert.That(root.GetProperty("checkpoint").GetProperty("kind").GetString(), Is.EqualTo("builtin"));
        Assert.That(root.GetProperty("complete").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("mujoco_version").GetString(), Is.EqualTo("2.2.2"));
        Assert.That(root.GetProperty("ci95").GetArrayLength(), Is.EqualTo(2));

        var lines = File.ReadAllLines(dir["a/episodes.csv"]);
        Assert.That(lines, Has.Length.EqualTo(7));
        var header = lines[0].Split(',');
        Assert.That(header, Is.EqualTo(new[] { "episode", "seed", "outcome", "success", "steps", "picked_up", "dropped",
            "max_object_height_m", "time_to_pick_s", "final_goal_distance_m", "closest_tool_distance_m", "gripper_closed", "time_to_first_contact_s",
            "tool_path_length_m", "left_table", "policy_calls", "policy_latency_ms_p50", "wall_s", "detail", "error" }),
            "fixed columns, the task schema's metrics in schema order, then the fixed tail");
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
    public void A_run_that_fails_before_its_first_episode_leaves_nothing_that_blocks_a_rerun()
    {
        using var dir = new TempDir();
        // A package that reads a feature the scene lacks: it loads, then pre-flight refuses it
        // inside the run, after the run directory was opened.
        var pkg = dir["pkg"];
        Directory.CreateDirectory(pkg);
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies/so101_state_mlp_80")))
            File.Copy(f, Path.Combine(pkg, Path.GetFileName(f)));
        var manifest = Path.Combine(pkg, "policy.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"observation.environment_state\",", "\"observation.object_pose\","));
        var ex = Assert.Catch(() => EvalJob.Run(Req(dir["a"], 2, policy: "onnx:" + pkg)));
        Assert.That(ex!.Message, Does.Contain("observation.object_pose"));
        Assert.That(Directory.Exists(dir["a"]), Is.False, "no run directory left behind");
        var ok = EvalJob.Run(Req(dir["a"], 1));
        Assert.That(ok.Complete, Is.True);
    }

    [Test]
    public void The_prompt_override_reaches_the_policy_and_is_recorded()
    {
        using var dir = new TempDir();
        EvalJob.Run(Req(dir["p"], 1) with { Prompt = "put the red cube into the bowl" });
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["p/run.json"]));
        Assert.That(doc.RootElement.GetProperty("task").GetString(), Is.EqualTo("put the red cube into the bowl"));
        Assert.That(doc.RootElement.GetProperty("settings").GetProperty("prompt").GetString(), Is.EqualTo("put the red cube into the bowl"));
        Assert.Throws<ArgumentException>(() => EvalJob.Run(Req(dir["q"], 1) with { Prompt = "  " }));
    }

    [Test]
    public void Bad_requests_are_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        Assert.That(Assert.Throws<ArgumentException>(() => EvalJob.Run(Req(dir["z"], 0)))!.Message, Does.Contain("--episodes"));
        Assert.That(Assert.Throws<ArgumentException>(() => EvalJob.Run(Req(dir["z"], -3)))!.Message, Does.Contain("--episodes"));
        Assert.That(Assert.Throws<UnknownPolicyException>(() => EvalJob.Run(Req(dir["z"], 1, policy: "nope")))!.Message, Does.Contain("scripted:VARIANT").And.Contain("onnx:DIR"));
        Assert.That(Assert.Throws<UnknownPolicyException>(() => EvalJob.Run(Req(dir["z"], 1, policy: "scripted:nope")))!.Message, Does.Contain("scripted:weak-grip"));
        Assert.That(Directory.Exists(dir["z"]), Is.False);
    }
}
