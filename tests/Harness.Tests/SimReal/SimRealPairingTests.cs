using Harness.Eval.SimReal;
using Harness.Tests.Support;

namespace Harness.Tests.SimReal;

/// <summary>Runs that cannot be compared are refused with what was expected, what was found and what to do.</summary>
public class SimRealPairingTests
{
    private static SimRealException Refusal(TempDir t, string sim, string real) =>
        Assert.Throws<SimRealException>(() => SimRealReportBuilder.Build(
            new SimRealRequest([new SimVariantInput("nominal", [sim])], [real], 10, 0), DateTimeOffset.UnixEpoch, "test"))!;

    [Test]
    public void Episodes_pair_by_seed_not_by_index()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SSNN", real: false, seeds: [11, 12, 13, 14]);
        LiteralRuns.Write(t["sim/B"], "B", "SNNN", real: false, seeds: [11, 12, 13, 14]);
        // The real run of A ran the layouts in another order and only three of them.
        LiteralRuns.Write(t["real/A"], "A", "NSS", real: true, seeds: [13, 11, 12]);
        LiteralRuns.Write(t["real/B"], "B", "SNNN", real: true, seeds: [11, 12, 13, 14]);
        var r = SimRealReportBuilder.Build(new SimRealRequest([new SimVariantInput("nominal", [t["sim"]])], [t["real"]], 10, 0), DateTimeOffset.UnixEpoch, "test");
        var a = r.Variants[0].Checkpoints.Single(c => c.Checkpoint == "A");
        Assert.That((a.PairedEpisodes, a.AgreeingEpisodes), Is.EqualTo((3, 3)), "seed 13 is N on both sides, 11 and 12 S on both");
        Assert.That(r.Variants[0].Confusion.Count("SUCCESS", "SUCCESS"), Is.EqualTo(3));
    }

    [Test]
    public void Different_scenes_are_refused_naming_both()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SS", real: false);
        LiteralRuns.Write(t["sim/B"], "B", "SN", real: false, scene: new string('f', 64));
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        LiteralRuns.Write(t["real/B"], "B", "SN", real: true);
        var e = Refusal(t, t["sim"], t["real"]);
        Assert.That(e.Message, Does.Contain("checkpoint 'B': different scenes").And.Contain("sha256 ffffffffffff…").And.Contain("sha256 5ce0e5ce0e5c…")
            .And.Contain("expected the same scene files").And.Contain("Evaluate both with the same scene package"));
    }

    [Test]
    public void A_real_checkpoint_missing_from_simulation_is_refused_listing_what_simulation_has()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SS", real: false);
        LiteralRuns.Write(t["sim/B"], "B", "SN", real: false);
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        LiteralRuns.Write(t["real/D"], "D", "SN", real: true);
        var e = Refusal(t, t["sim"], t["real"]);
        Assert.That(e.Message, Does.Contain("simulation variant 'nominal' has no run of checkpoint 'D'").And.Contain("its simulated checkpoints are: A, B")
            .And.Contain("Evaluate that checkpoint in simulation"));
    }

    [Test]
    public void A_simulated_checkpoint_without_a_real_run_is_left_out_with_a_warning()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SS", real: false);
        LiteralRuns.Write(t["sim/B"], "B", "SN", real: false);
        LiteralRuns.Write(t["sim/C"], "C", "NN", real: false);
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        LiteralRuns.Write(t["real/B"], "B", "SN", real: true);
        var r = SimRealReportBuilder.Build(new SimRealRequest([new SimVariantInput("nominal", [t["sim"]])], [t["real"]], 10, 0), DateTimeOffset.UnixEpoch, "test");
        Assert.That(r.Variants[0].Checkpoints.Select(c => c.Checkpoint), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(r.Warnings, Has.One.Contains("checkpoint 'C'").And.Contains("has no real run; left out"));
    }

    [Test]
    public void Runs_from_different_seed_layouts_are_refused()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SS", real: false);
        LiteralRuns.Write(t["sim/B"], "B", "SN", real: false);
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        LiteralRuns.Write(t["real/B"], "B", "SN", real: true, seeds: [91, 92]);
        var e = Refusal(t, t["sim"], t["real"]);
        Assert.That(e.Message, Does.Contain("checkpoint 'B': no real episode").And.Contain("expected episodes from the same seed layout").And.Contain("same --seed"));
    }

    [Test]
    public void One_checkpoint_is_not_a_ranking_and_two_runs_of_one_checkpoint_are_ambiguous()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["sim/A"], "A", "SS", real: false);
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        Assert.That(Refusal(t, t["sim"], t["real"]).Message, Does.Contain("pairs 1 checkpoint(s) with real runs; ranking needs at least 2"));
        LiteralRuns.Write(t["sim/A-again"], "A", "SN", real: false);
        Assert.That(Refusal(t, t["sim"], t["real"]).Message, Does.Contain("two runs of checkpoint 'A'").And.Contain("expected one run per checkpoint on each side"));
    }

    [Test]
    public void A_real_run_given_as_simulation_is_refused()
    {
        using var t = new TempDir("simreal");
        LiteralRuns.Write(t["real/A"], "A", "SS", real: true);
        LiteralRuns.Write(t["real/B"], "B", "SN", real: true);
        Assert.That(Refusal(t, t["real"], t["real"]).Message, Does.Contain("holds a real robot's run").And.Contain("Give real runs with --real"));
    }

    [Test]
    public void Sim_values_group_into_labelled_variants()
    {
        var v = SimVariantInput.Parse(["nominal=/a", "/b", "latency=/c", "nominal=/d", "/x=y/z"]);
        Assert.That(v.Select(x => (x.Label, string.Join(",", x.Paths))), Is.EqualTo(new[] { ("nominal", "/a,/d"), ("sim", "/b,/x=y/z"), ("latency", "/c") }));
        Assert.That(() => SimVariantInput.Parse(["latency="]), Throws.TypeOf<SimRealException>().With.Message.Contains("expected LABEL=PATH"));
    }

    [Test]
    public void The_command_reports_a_refusal_on_stderr_with_exit_code_2()
    {
        using var t = new TempDir("simreal");
        var (code, _, err) = InProcessCli.Run("simreal", "--sim", t["nothing"], "--real", t["nothing"], "--out", t["out"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("simreal: --real: ").And.Contain("does not exist"));
        Assert.That(Directory.Exists(t["out"]), Is.False, "nothing written");
    }
}
