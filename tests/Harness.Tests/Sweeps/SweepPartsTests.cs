using Harness.Eval.Runs;
using Harness.Eval.Statistics;
using Harness.Eval.Sweeps;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>The small parts of sweeps, each against hand-derived expectations.</summary>
public class SweepPartsTests
{
    [Test]
    public void Shards_cut_checkpoint_episode_pairs_into_contiguous_blocks()
    {
        // 3 checkpoints x 3 episodes = 9 pairs; 2 shards: pairs 0..3 and 4..8.
        var s0 = new ShardSpec(0, 2).Assign(3, 3);
        var s1 = new ShardSpec(1, 2).Assign(3, 3);
        Assert.That(s0.Select(a => a.ToArray()), Is.EqualTo(new[] { new[] { 0, 1, 2 }, new[] { 0 }, Array.Empty<int>() }));
        Assert.That(s1.Select(a => a.ToArray()), Is.EqualTo(new[] { Array.Empty<int>(), new[] { 1, 2 }, new[] { 0, 1, 2 } }));
        // 4 checkpoints x 6 episodes, 4 shards: one checkpoint each.
        for (int i = 0; i < 4; i++)
        {
            var a = new ShardSpec(i, 4).Assign(4, 6);
            Assert.That(a[i], Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(a.Where((_, c) => c != i).All(x => x.Count == 0), Is.True);
        }
        // Every pair in exactly one shard, also for awkward sizes.
        var all = Enumerable.Range(0, 7).SelectMany(i => new ShardSpec(i, 7).Assign(5, 3).SelectMany((e, c) => e.Select(x => (c, x)))).ToList();
        Assert.That(all, Has.Count.EqualTo(15));
        Assert.That(all.Distinct().Count(), Is.EqualTo(15));
    }

    [TestCase("2/2")]
    [TestCase("-1/3")]
    [TestCase("1")]
    [TestCase("a/b")]
    public void Bad_shards_are_refused_with_the_expected_form(string text) =>
        Assert.That(Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text))!.Message, Does.Contain("0/4"));

    [Test]
    public void Checkpoint_names_come_from_the_checkpoint_and_never_collide()
    {
        var names = CheckpointNames.For([
            ("onnx:policies/mlp_80", "policies/mlp_80"),
            ("runs/act/checkpoints/045000/pretrained_model", "runs/act/checkpoints/045000/pretrained_model"),
            ("runs/diffusion/checkpoints/045000/pretrained_model", "runs/diffusion/checkpoints/045000/pretrained_model"),
            ("openpi:ws://gpu1:8000", null),
            ("scripted:weak-grip", null),
        ]);
        Assert.That(names, Is.EqualTo(new[] { "mlp_80", "act-045000", "diffusion-045000", "openpi-gpu1-8000", "scripted-weak-grip" }));
    }

    [Test]
    public void Folder_patterns_match_folders_in_natural_order()
    {
        using var dir = new TempDir("glob");
        foreach (var n in new[] { "mlp_5", "mlp_20", "mlp_320", "mlp_80", "other" }) Directory.CreateDirectory(dir[n]);
        File.WriteAllText(dir["mlp_9.txt"], "a file, not a checkpoint");
        var found = DirectoryGlob.Match(dir.Path + "/mlp_*");
        Assert.That(found.Select(Path.GetFileName), Is.EqualTo(new[] { "mlp_5", "mlp_20", "mlp_80", "mlp_320" }));
        Assert.That(DirectoryGlob.Match(dir.Path + "/nothing*"), Is.Empty);
    }

    [Test]
    public void Checkpoint_steps_come_from_policy_json_else_the_folder_name()
    {
        using var dir = new TempDir("steps");
        Directory.CreateDirectory(dir["step_000500"]);
        Directory.CreateDirectory(dir["named"]);
        File.WriteAllText(dir["named/policy.json"], "{\"checkpoint\": {\"training_step\": 1234}}");
        Assert.That(CheckpointSources.StepOf(dir["step_000500"]), Is.EqualTo(500));
        Assert.That(CheckpointSources.StepOf(dir["named"]), Is.EqualTo(1234));
    }

    [Test]
    public void A_folder_without_a_model_asks_for_a_server_command()
    {
        using var dir = new TempDir("ckpt");
        Directory.CreateDirectory(dir["checkpoints/000100/pretrained_model"]);
        var ex = Assert.Throws<ArgumentException>(() => CheckpointSources.Resolve(dir.Path + "/checkpoints/*/pretrained_model", served: false));
        Assert.That(ex!.Message, Does.Contain("no model.onnx").And.Contain("--serve-cmd"));
        var served = CheckpointSources.Resolve(dir.Path + "/checkpoints/*/pretrained_model", served: true);
        Assert.That(served.Single().Served, Is.True);
        Assert.That(served.Single().TrainingStep, Is.EqualTo(100));
        Assert.That(served.Single().Name, Is.EqualTo("000100"));
    }

    [Test]
    public void A_partly_written_last_row_is_cut_off_and_quoted_line_breaks_are_kept()
    {
        using var dir = new TempDir("csv");
        var path = dir["episodes.csv"];
        const string whole = "episode,error\n0,\"line one\nline two\"\n1,\n";
        File.WriteAllText(path, whole + "2,\"half a row\nstill quo");
        Assert.That(EpisodesCsvRecovery.TruncatePartialRow(path), Is.EqualTo("2,\"half a row\nstill quo"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(whole));
        Assert.That(EpisodesCsvRecovery.TruncatePartialRow(path), Is.Empty, "a whole file is left alone");
    }

    [Test]
    public void Clopper_pearson_bounds_match_hand_computed_values()
    {
        // x = 0: (1 - p)^n = alpha, so p = 1 - alpha^(1/n); n = 10, alpha = 0.05: 1 - 0.05^0.1 = 0.25887.
        Assert.That(ClopperPearson.Upper(0, 10, 0.05), Is.EqualTo(0.25887).Within(1e-5));
        Assert.That(ClopperPearson.Lower(10, 10, 0.05), Is.EqualTo(0.74113).Within(1e-5));
        // The textbook 95 % interval for 5/10 is [0.1871, 0.8129].
        Assert.That(ClopperPearson.Lower(5, 10, 0.025), Is.EqualTo(0.1871).Within(1e-4));
        Assert.That(ClopperPearson.Upper(5, 10, 0.025), Is.EqualTo(0.8129).Within(1e-4));
    }

    [Test]
    public void Paired_difference_bounds_and_equivalence()
    {
        // No discordant pair in 100: |delta| <= psi_U = 1 - 0.025^(1/100) = 0.036217.
        var (lo, hi) = PairedDifferenceBounds.Interval(0, 0, 100, 0.025);
        Assert.That(hi, Is.EqualTo(0.036217).Within(1e-5));
        Assert.That(lo, Is.EqualTo(-0.036217).Within(1e-5));
        Assert.That(PairedDifferenceBounds.Equivalent(0, 0, 100, 0.05, 0.025), Is.True);
        Assert.That(PairedDifferenceBounds.Equivalent(0, 0, 100, 0.03, 0.025), Is.False);
        // 30 pairs won only by the first: the difference is clearly positive, no equivalence within 0.1.
        var (lo2, hi2) = PairedDifferenceBounds.Interval(30, 0, 100, 0.025);
        Assert.That(lo2, Is.EqualTo(0));
        Assert.That(hi2, Is.GreaterThan(0.3));
        Assert.That(PairedDifferenceBounds.Equivalent(30, 0, 100, 0.1, 0.025), Is.False);
    }
}
