using System.Text.Json;
using Harness.Eval.Reports;
using Harness.Eval.Runs;
using NUnit.Framework;

namespace Harness.Tests.Reports;

/// <summary>
/// The comparison rules of issue 10: pairing needs equal scene files and seeds, every pair lists
/// the settings that differ, learning curves group checkpoints by training run, sweeps sort by
/// step, the trial-count guide uses each pair's own rates, stopped runs carry their reason, and
/// whisker columns reach the report.
/// </summary>
public class ReportRulesTests
{
    private static SceneSection Section(params RunDirectory[] runs) =>
        ReportSummaryBuilder.Build(runs, null, DateTimeOffset.UnixEpoch, "test").Scenes.Single();

    private static bool[] Pattern(int successes, int episodes) => Enumerable.Range(0, episodes).Select(i => i < successes).ToArray();

    [Test]
    public void Runs_on_different_scene_files_are_not_paired_and_the_report_says_why()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("a"), new RunSpec("act", 0.5) { Episodes = 10, SceneSha = new string('a', 64) });
        var b = RunFixture.Write(tmp.Sub("b"), new RunSpec("act", 0.5) { Episodes = 10, SceneSha = new string('b', 64) });
        var c = RunFixture.Write(tmp.Sub("c"), new RunSpec("act", 0.5) { Episodes = 10, SceneSha = new string('A', 64) });
        var s = Section(a, b, c);
        Assert.That(s.Paired.Select(p => (p.RunA, p.RunB)), Is.EqualTo(new[] { ("a", "c") }), "a hash differs only in letter case from a's: the same files");
        var refused = s.NotPaired.Select(p => (p.RunA, p.RunB)).ToList();
        Assert.That(refused, Is.EquivalentTo(new[] { ("a", "b"), ("b", "c") }));
        Assert.That(s.NotPaired[0].Reason, Does.Contain("different scene files").And.Contain("aaaaaaaaaaaa").And.Contain("bbbbbbbbbbbb"));
    }

    [Test]
    public void A_run_without_a_recorded_scene_identity_is_never_paired()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("a"), new RunSpec("act", 0.5) { Episodes = 10 });
        var old = RunFixture.Write(tmp.Sub("old"), new RunSpec("act", 0.5) { Episodes = 10, NoSceneIdentity = true });
        var s = Section(a, old);
        Assert.That(s.Paired, Is.Empty);
        Assert.That(s.NotPaired.Single().Reason, Does.Contain("not recorded for run B").And.Contain("scene_identity.sha256"));
    }

    [Test]
    public void Every_paired_comparison_lists_the_settings_that_differ_in_every_format()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("runs", "apq50"), new RunSpec("act", 0.5) { Episodes = 12, Settings = new RunSettings { ActionsPerQuery = 50, MaxSteps = 300 } });
        var b = RunFixture.Write(tmp.Sub("runs", "apq25"), new RunSpec("act", 0.5)
        {
            Episodes = 12, HarnessVersion = "0.2.0", Settings = new RunSettings { ActionsPerQuery = 25, MaxSteps = 300, Prompt = "pick the cube" },
        });
        var c = RunFixture.Write(tmp.Sub("runs", "same"), new RunSpec("diffusion", 0.5) { Episodes = 12, Settings = new RunSettings { ActionsPerQuery = 50, MaxSteps = 300 } });
        var summary = ReportSummaryBuilder.Build([a, b, c], null, DateTimeOffset.UnixEpoch, "test");
        var s = summary.Scenes.Single();
        var ab = s.Paired.Single(p => p.RunA == "apq50" && p.RunB == "apq25");
        Assert.That(ab.Differences.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "actions_per_query: 50 vs 25", "prompt: (default) vs pick the cube", "harness_version: 0.1.0 vs 0.2.0",
        }));
        Assert.That(s.Paired.Single(p => p.RunA == "apq50" && p.RunB == "same").Differences, Is.Empty, "only the policy differs");

        var files = ReportWriter.Write(summary, tmp.Sub("out"));
        var md = File.ReadAllText(tmp.Sub("out", "report.md"));
        Assert.That(md.Split('\n').Single(l => l.StartsWith("| `apq50` | `apq25` |")), Does.EndWith("| actions_per_query, prompt, harness_version |"));
        Assert.That(md.Split('\n').Single(l => l.StartsWith("| `apq50` | `same` |")), Does.EndWith("| none |"));
        Assert.That(md, Does.Contain("- `apq50` vs `apq25` differ in: actions_per_query: 50 vs 25; prompt: (default) vs pick the cube; harness_version: 0.1.0 vs 0.2.0."));
        var html = File.ReadAllText(tmp.Sub("out", "report.html"));
        Assert.That(html, Does.Contain("<code>apq50</code> vs <code>apq25</code> differ in: actions_per_query: 50 vs 25; prompt: (default) vs pick the cube; harness_version: 0.1.0 vs 0.2.0"));
        using var json = JsonDocument.Parse(File.ReadAllText(tmp.Sub("out", "report.json")));
        var pair = json.RootElement.GetProperty("scenes")[0].GetProperty("paired").EnumerateArray().Single(p => p.GetProperty("run_b").GetString() == "apq25");
        var first = pair.GetProperty("differences")[0];
        Assert.That((first.GetProperty("setting").GetString(), first.GetProperty("a").GetString(), first.GetProperty("b").GetString()),
            Is.EqualTo(("actions_per_query", "50", "25")));
    }

    [Test]
    public void A_different_task_text_is_a_listed_difference_not_a_reason_to_refuse_pairing()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("a"), new RunSpec("act", 0.5) { Episodes = 10 });
        var b = RunFixture.Write(tmp.Sub("b"), new RunSpec("act", 0.5) { Episodes = 10, Task = "push the cube" });
        var c = Section(a, b).Paired.Single();
        Assert.That(c.Differences.Single().ToString(), Is.EqualTo("task text: pick the red cube and place it in the bin vs push the cube"));
    }

    [Test]
    public void The_learning_curve_has_one_series_per_training_run_whatever_the_policy_spec()
    {
        using var tmp = new ScratchDir();
        RunDirectory Ckpt(string name, string policy, long step, string? run, string location) =>
            RunFixture.Write(tmp.Sub(name), new RunSpec(policy, 0.5) { Episodes = 8, TrainingStep = step, CheckpointRun = run, Checkpoint = location });
        var runs = new[]
        {
            Ckpt("a2", "onnx:out/act/checkpoints/002000", 2000, "act-run", "out/act/checkpoints/002000"),
            Ckpt("a1", "onnx:out/act/checkpoints/001000", 1000, "act-run", "out/act/checkpoints/001000"),
            // No recorded run: the checkpoint folder's family groups them.
            Ckpt("m1", "onnx:policies/mlp_step_100", 100, "", "policies/mlp_step_100"),
            Ckpt("m2", "onnx:policies/mlp_step_300", 300, "", "policies/mlp_step_300"),
        };
        var curve = Section(runs).LearningCurve!;
        Assert.That(curve.Series.Select(s => s.TrainingRun), Is.EqualTo(new[] { "act-run", "policies/mlp" }));
        Assert.That(curve.Series[0].Points.Select(p => (p.Run, p.TrainingStep)), Is.EqualTo(new[] { ("a1", 1000L), ("a2", 2000L) }));
        Assert.That(curve.Series[1].Points.Select(p => p.Run), Is.EqualTo(new[] { "m1", "m2" }));
    }

    [Test]
    public void Checkpoints_of_one_training_run_stand_together_sorted_by_step_and_other_runs_keep_their_place()
    {
        using var tmp = new ScratchDir();
        RunDirectory Run(string name, long? step, string? run = null) =>
            RunFixture.Write(tmp.Sub(name), new RunSpec("p-" + name, 0.5) { Episodes = 5, TrainingStep = step, CheckpointRun = run });
        var s = Section(Run("b3000", 3000, "b"), Run("other", null), Run("b1000", 1000, "b"), Run("a500", 500, "a"), Run("b2000", 2000, "b"));
        Assert.That(s.Runs.Select(r => r.Id), Is.EqualTo(new[] { "b1000", "b2000", "b3000", "other", "a500" }));
        Assert.That(s.Runs.Select(r => r.TrainingRun), Is.EqualTo(new[] { "b", "b", "b", null, "a" }));
    }

    [Test]
    public void The_trial_guide_of_a_pair_uses_that_pairs_own_rates_and_agreement()
    {
        using var tmp = new ScratchDir();
        // A: 10/20; B: the same 10 plus 4 more (14/20); C: 2/20 pulls a pooled rate far from the pair's.
        var a = RunFixture.Write(tmp.Sub("a"), new RunSpec("a", 0) { Pattern = Pattern(10, 20) });
        var b = RunFixture.Write(tmp.Sub("b"), new RunSpec("b", 0) { Pattern = Pattern(14, 20) });
        var c = RunFixture.Write(tmp.Sub("c"), new RunSpec("c", 0) { Pattern = Pattern(2, 20) });
        var s = Section(a, b, c);
        Assert.That(s.TrialGuides.Select(g => (g.RunA, g.RunB)), Is.EqualTo(s.Paired.Select(p => (p.RunA, p.RunB))), "one guide per compared pair");
        var g = s.TrialGuides.Single(x => x.RunA == "a" && x.RunB == "b");
        Assert.That((g.RateA, g.RateB, g.Pairs), Is.EqualTo((0.5, 0.7, 20)));
        // 4 discordant pairs observed; independent outcomes at 50 % and 70 % would give 20 * (0.5 * 0.3 + 0.7 * 0.5) = 10.
        Assert.That(g.AgreementRatio, Is.EqualTo(0.4).Within(1e-12));
        // Connor (1987) and the two-proportion formula at these rates, worked out by hand (z 1.95996, 0.84162).
        var observed = g.Rows[0];
        Assert.That(observed.Observed, Is.True);
        Assert.That((observed.Difference, observed.OtherRate), Is.EqualTo((0.2, 0.7)).Within(1e-12));
        Assert.That((observed.PairedObserved, observed.PairedIndependent, observed.UnpairedPerArm), Is.EqualTo(((int?)37, 96, 93)));
        var grid = g.Rows.Skip(1).ToList();
        Assert.That(grid.Select(r => r.OtherRate), Is.EqualTo(new[] { 0.55, 0.6, 0.65, 0.7, 0.8 }).Within(1e-12));
        Assert.That(grid.Select(r => r.PairedIndependent), Is.EqualTo(new[] { 1568, 391, 173, 96, 42 }));
        Assert.That(grid.Select(r => r.PairedObserved), Is.EqualTo(new int?[] { 626, 155, 68, 37, 24 }));
        Assert.That(grid.Select(r => r.UnpairedPerArm), Is.EqualTo(new[] { 1565, 388, 170, 93, 39 }));
    }

    [Test]
    public void A_run_stopped_early_is_flagged_with_its_reason_and_left_out_of_comparisons()
    {
        using var tmp = new ScratchDir();
        const string why = "the policy could not be reached in 3 episodes in a row";
        var ok = RunFixture.Write(tmp.Sub("ok"), new RunSpec("act", 0.5) { Episodes = 10 });
        var stopped = RunFixture.Write(tmp.Sub("stopped"), new RunSpec("pi0", 0.5) { Episodes = 4, EpisodesRequested = 10, Stopped = why });
        var partial = RunFixture.Write(tmp.Sub("partial"), new RunSpec("smolvla", 0.5) { Episodes = 4, EpisodesRequested = 10, Complete = false });
        var summary = ReportSummaryBuilder.Build([ok, stopped, partial], null, DateTimeOffset.UnixEpoch, "test");
        var s = summary.Scenes.Single();
        var row = s.Runs.Single(r => r.Id == "stopped");
        Assert.That((row.Complete, row.Flag, row.Stopped), Is.EqualTo((false, "stopped early", why)));
        Assert.That(row.Warnings[0], Is.EqualTo($"stopped early after 4 of 10 episodes: {why}"));
        Assert.That(s.Runs.Single(r => r.Id == "partial").Flag, Is.EqualTo("incomplete"));
        Assert.That(s.Excluded.Single(x => x.Run == "stopped").Reason, Does.StartWith($"stopped early ({why})"));
        Assert.That(s.Paired.Concat<object>(s.NotPaired), Is.Empty, "neither unfinished run is compared with the finished one");

        ReportWriter.Write(summary, tmp.Sub("out"));
        var md = File.ReadAllText(tmp.Sub("out", "report.md"));
        Assert.That(md.Split('\n').Count(l => l.StartsWith("| `stopped` ⚠ **stopped early** | pi0 |")), Is.EqualTo(1));
        Assert.That(md, Does.Contain($"- ⚠ `stopped`: stopped early after 4 of 10 episodes: {why}"));
        Assert.That(File.ReadAllText(tmp.Sub("out", "report.html")), Does.Contain($"title=\"{why}\">stopped early</span>"));
        Assert.That(File.ReadAllText(tmp.Sub("out", "runs.csv")), Does.Contain(why));
    }

    [Test]
    public void Whisker_columns_become_a_table_per_run_with_units()
    {
        using var tmp = new ScratchDir();
        var run = RunFixture.Write(tmp.Sub("w"), new RunSpec("act", 0.5) { Episodes = 10 });
        var plain = RunFixture.Write(tmp.Sub("plain"), new RunSpec("act", 0.5) { Episodes = 10, ExtraColumn = false });
        var summary = ReportSummaryBuilder.Build([run, plain], null, DateTimeOffset.UnixEpoch, "test");
        var rows = summary.Scenes.Single().Runs;
        Assert.That(rows.Single(r => r.Id == "plain").Whiskers, Is.Empty);
        var w = rows.Single(r => r.Id == "w").Whiskers.ToDictionary(x => x.Key);
        Assert.That(w.Keys, Is.EqualTo(new[] { "whisker_consistency_mean_m", "whisker_action_jump_max_range", "whisker_sample_spread_mean_m" }));
        var consistency = run.Episodes.Select(e => e.Extra["whisker_consistency_mean_m"]!.Value).ToList();
        Assert.That((w["whisker_consistency_mean_m"].Unit, w["whisker_consistency_mean_m"].Episodes), Is.EqualTo(("m", 10)));
        Assert.That(w["whisker_consistency_mean_m"].Mean, Is.EqualTo(consistency.Average()).Within(1e-12));
        Assert.That(w["whisker_consistency_mean_m"].Max, Is.EqualTo(consistency.Max()));
        Assert.That((w["whisker_sample_spread_mean_m"].Episodes, w["whisker_sample_spread_mean_m"].Mean), Is.EqualTo((0, (double?)null)), "no samples: undefined, not zero");
        Assert.That(w["whisker_action_jump_max_range"].Unit, Is.EqualTo("share of joint range"));

        ReportWriter.Write(summary, tmp.Sub("out"));
        var md = File.ReadAllText(tmp.Sub("out", "report.md")).Split('\n');
        var line = md.Single(l => l.StartsWith("| `whisker_consistency_mean_m` |"));
        Assert.That(line, Is.EqualTo($"| `whisker_consistency_mean_m` | m | 10 | {ReportFormat.Measure(consistency.Average(), "m")} | {ReportFormat.Measure(consistency.Max(), "m")} |"));
        Assert.That(md.Single(l => l.StartsWith("| `whisker_action_jump_max_range` |")), Does.Match(@"\| share of joint range \| 10 \| \d+\.\d% \| \d+\.\d% \|$"));
        var html = File.ReadAllText(tmp.Sub("out", "report.html"));
        Assert.That(html, Does.Contain("<table class=\"whisker\" data-run=\"w\">").And.Not.Contain("data-run=\"plain\""));
    }

    [Test]
    public void A_task_the_harness_has_never_heard_of_renders_from_its_run_json_alone()
    {
        using var tmp = new ScratchDir();
        // Written by hand (not by our writer): only the file format is shared.
        var dir = Directory.CreateDirectory(tmp.Sub("runs", "pour")).FullName;
        File.WriteAllText(Path.Combine(dir, "run.json"), """
            {
              "format_version": 2, "scene": "kitchen-pour", "task": "pour 100 ml into the cup", "policy": "pi0", "seed": 3,
              "scene_identity": {"name": "kitchen-pour", "version": "2.0", "sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
              "task_schema": {
                "name": "pour", "description": "pour liquid into a cup without spilling",
                "classes": [
                  {"label": "SUCCESS", "definition": "90-110 ml in the cup, nothing spilled", "precedence": 0, "key": "s"},
                  {"label": "SPILLED", "definition": "more than 5 ml landed outside the cup", "precedence": 1, "key": "p"},
                  {"label": "UNDERFILLED", "definition": "less than 90 ml in the cup at the end", "precedence": 2, "key": "u"}
                ],
                "metrics": [{"key": "poured_ml", "unit": "ml", "definition": "liquid in the cup at the end", "aggregations": ["Mean", "Max"]}]
              },
              "episodes": 3, "episodes_requested": 3, "successes": 1, "complete": true, "harness_version": "9.9.9"
            }
            """);
        File.WriteAllText(Path.Combine(dir, "episodes.csv"),
            "episode,seed,outcome,success,steps,poured_ml,policy_calls,policy_latency_ms_p50,wall_s,detail,error\n" +
            "0,11,SUCCESS,true,120,101.5,12,30,4,,\n1,12,SPILLED,false,140,60,14,31,5,,\n2,13,UNDERFILLED,false,300,42.5,30,29,10,,\n");
        var summary = ReportWriter.Summarise([tmp.Sub("runs")], null, DateTimeOffset.UnixEpoch, "test");
        var s = summary.Scenes.Single();
        Assert.That(s.OutcomeClasses, Is.EqualTo(new[] { "SUCCESS", "SPILLED", "UNDERFILLED", "ERROR" }));
        Assert.That(s.Runs.Single().Metric("poured_ml_mean"), Is.EqualTo((101.5 + 60 + 42.5) / 3).Within(1e-12));
        ReportWriter.Write(summary, tmp.Sub("out"));
        var md = File.ReadAllText(tmp.Sub("out", "report.md")).Split('\n');
        Assert.That(md.First(l => l.StartsWith("| Run |")), Does.Contain("| Spilled | Underfilled | Error |"));
        Assert.That(md.Single(l => l.StartsWith("| `pour` |") && l.Contains(" | pi0 | ")), Does.Contain("| 1 | 1 | 0 |"));
        Assert.That(md.First(l => l.StartsWith("| Run |") && l.Contains("poured_ml")), Is.EqualTo("| Run | poured_ml mean (ml) | poured_ml max (ml) | "));
        Assert.That(md, Has.Some.EqualTo("- **SPILLED**: more than 5 ml landed outside the cup"));
        Assert.That(File.ReadAllText(tmp.Sub("out", "runs.csv")).Split('\n')[0], Does.Contain("outcome_SPILLED,outcome_UNDERFILLED").And.Contain("metric_poured_ml_mean"));
    }

    [Test]
    public void Measured_values_print_in_their_unit()
    {
        Assert.That(ReportFormat.Measure(0.0123456, "m"), Is.EqualTo("0.0123"));
        Assert.That(ReportFormat.Measure(0.125, "share of joint range"), Is.EqualTo("12.5%"));
        Assert.That(ReportFormat.Measure(null, "m"), Is.EqualTo("–"));
    }
}
