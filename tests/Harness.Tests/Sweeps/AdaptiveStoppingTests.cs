using Harness.Eval.Runs;
using Harness.Eval.Sweeps;
using Harness.Eval.Sweeps.Stopping;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>--until-separated on checkpoints whose true success rates are known (<see cref="CoinEnv"/>).</summary>
public class AdaptiveStoppingTests
{
    [Test]
    public void Bonferroni_over_looks_and_comparisons_sets_each_tests_level()
    {
        // 3 checkpoints: 2 separation tests + 3 equivalence pairs = 5 per look; 100 / 20 = 5 looks; 0.05 / 25 = 0.002.
        var rule = new SeparationRule(new AdaptiveOptions(0.95, 0.05, 100), 3, 20);
        Assert.That(rule.MaxLooks, Is.EqualTo(5));
        Assert.That(rule.TestsPerLook, Is.EqualTo(5));
        Assert.That(rule.AlphaPerTest, Is.EqualTo(0.002).Within(1e-12));
        Assert.That(rule.EpisodesAt(2), Is.EqualTo(40));
        // A partial last round stops at the maximum: 90 / 20 -> 5 looks, the last at 90 episodes.
        var partial = new SeparationRule(new AdaptiveOptions(0.95, 0.05, 90), 2, 20);
        Assert.That(partial.MaxLooks, Is.EqualTo(5));
        Assert.That(partial.EpisodesAt(5), Is.EqualTo(90));
    }

    [Test]
    public void One_look_separates_only_beyond_the_corrected_level()
    {
        var rule = new SeparationRule(new AdaptiveOptions(0.95, 0.05, 100), 3, 20); // alpha per test 0.002
        bool[] All(bool v) => Enumerable.Repeat(v, 20).ToArray();
        // best wins 20 discordant pairs: p = 2 * 0.5^20 = 1.9e-6 <= 0.002; 9 discordant: p = 2 * 0.5^9 = 0.0039 > 0.002.
        var nine = Enumerable.Range(0, 20).Select(i => i >= 9).ToArray();
        var r = rule.Look(1, [new("best", All(true)), new("bad", All(false)), new("close", nine)], []);
        Assert.That(r.Separated.Select(s => s.Name), Is.EqualTo(new[] { "bad" }));
        Assert.That(r.Separated[0].PValue, Is.EqualTo(2 * Math.Pow(0.5, 20)).Within(1e-12));
        Assert.That(r.Stop, Is.Null, "'close' is neither separated nor shown equivalent yet");
    }

    private static (SweepOutcome Outcome, CoinRunner Runner) Run(TempDir dir, AdaptiveOptions o, int round, params (string Name, double Rate)[] cps)
    {
        var runner = new CoinRunner(seed: 3);
        var manifest = CoinRunner.Manifest(3, round, cps.Select(c => CoinRunner.Checkpoint(c.Name, c.Rate)).ToArray()) with { Adaptive = o };
        return (new SweepRunner(runner).Run(manifest, dir["sweep"]), runner);
    }

    [Test]
    public void A_clearly_best_checkpoint_is_separated_early_and_the_losers_drop_out()
    {
        using var dir = new TempDir("adaptive");
        var (o, runner) = Run(dir, new AdaptiveOptions(0.95, 0.05, 200), 20, ("p90", 0.9), ("p50", 0.5), ("p10", 0.1));
        var stop = o.Stop!;
        Assert.That(stop.Reason, Is.EqualTo(StopDecision.SeparatedReason));
        Assert.That(stop.Best, Is.EqualTo("p90"));
        Assert.That(stop.Separated.Select(s => s.Name), Is.EquivalentTo(new[] { "p50", "p10" }));
        Assert.That(stop.Episodes, Is.LessThan(200), "stopped before the maximum");
        Assert.That(runner.EpisodesRun, Is.LessThan(3 * stop.Episodes + 1));
        Assert.That(stop.Text, Does.Contain("Bonferroni"));
        // The run files say why it stopped.
        foreach (var r in o.Runs)
        {
            var s = RunDirectoryReader.ReadSummary(r.Dir);
            Assert.That(s.Extra!["sweep_stop"].ToString(), Does.Contain("p90 is the best checkpoint"));
            Assert.That(s.Complete, Is.True);
        }
        Assert.That(SweepManifest.Read(dir["sweep"]).Result!.Stop!.Reason, Is.EqualTo("separated"));
    }

    [Test]
    public void A_near_tie_stops_by_equivalence_within_the_margin()
    {
        using var dir = new TempDir("adaptive");
        var (o, _) = Run(dir, new AdaptiveOptions(0.95, 0.1, 400), 20, ("p86", 0.86), ("p85", 0.85), ("p20", 0.2));
        var stop = o.Stop!;
        Assert.That(stop.Reason, Is.EqualTo(StopDecision.EquivalentReason), stop.Text);
        Assert.That(stop.Contenders, Is.EquivalentTo(new[] { "p86", "p85" }));
        Assert.That(stop.Separated.Single().Name, Is.EqualTo("p20"));
        Assert.That(stop.ContenderPairs.Single().High, Is.LessThan(0.1));
        Assert.That(stop.Episodes, Is.LessThan(400));
    }

    [Test]
    public void Undecidable_checkpoints_stop_at_the_maximum_and_say_so()
    {
        using var dir = new TempDir("adaptive");
        var (o, _) = Run(dir, new AdaptiveOptions(0.95, 0.02, 60), 20, ("p60", 0.6), ("p50", 0.5));
        Assert.That(o.Stop!.Reason, Is.EqualTo(StopDecision.MaxEpisodesReason));
        Assert.That(o.Stop.Episodes, Is.EqualTo(60));
        Assert.That(o.Stop.Text, Does.Contain("reached --max-episodes 60"));
    }

    [Test]
    public void An_interrupted_adaptive_sweep_continues_to_the_same_decision_without_rerunning_episodes()
    {
        using var dir = new TempDir("adaptive");
        var (reference, refRunner) = Run(dir, new AdaptiveOptions(0.95, 0.05, 200), 20, ("p90", 0.9), ("p50", 0.5), ("p10", 0.1));

        var runner = new CoinRunner(seed: 3);
        var manifest = CoinRunner.Manifest(3, 20, CoinRunner.Checkpoint("p90", 0.9), CoinRunner.Checkpoint("p50", 0.5), CoinRunner.Checkpoint("p10", 0.1))
            with { Adaptive = new AdaptiveOptions(0.95, 0.05, 200) };
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfter(37, cancel);
        Assert.Catch<OperationCanceledException>(() => new SweepRunner(runner, progress).Run(manifest, dir["again"], cancel.Token));
        var resumed = new SweepRunner(runner).Run(manifest, dir["again"]);
        Assert.That(resumed.Stop!.Text, Is.EqualTo(reference.Stop!.Text));
        Assert.That(runner.EpisodesRun, Is.EqualTo(refRunner.EpisodesRun), "no episode ran twice");
        foreach (var c in manifest.Checkpoints)
            Assert.That(EpisodeCsvText.WithoutTiming(Path.Combine(dir["again"], c.Name, "episodes.csv")),
                Is.EqualTo(EpisodeCsvText.WithoutTiming(Path.Combine(dir["sweep"], c.Name, "episodes.csv"))));
    }

    private sealed class CancelAfter(int episodes, CancellationTokenSource cancel) : ISweepProgress
    {
        private int _seen;
        public void Episode(SweepCheckpoint checkpoint, Harness.Core.Episodes.EpisodeRecord episode)
        {
            if (Interlocked.Increment(ref _seen) == episodes) cancel.Cancel();
        }
    }
}
