using Harness.Eval.Statistics;

namespace Harness.Tests.SimReal;

/// <summary>Pearson r and MMRV against values worked out by hand (SimplerEnv's definitions, simpler_env/utils/metrics.py).</summary>
public class RankAgreementTests
{
    [Test]
    public void Pearson_of_a_small_example_worked_by_hand()
    {
        // sim 0.2, 0.5, 0.8 (mean 0.5), real 0.1, 0.6, 0.5 (mean 0.4): deviations -0.3, 0, 0.3 and -0.3, 0.2, 0.1;
        // sum xy = 0.09 + 0 + 0.03 = 0.12, sum xx = 0.18, sum yy = 0.14: r = 0.12 / sqrt(0.0252) = 0.7559289.
        Assert.That(RankAgreement.Pearson([0.2, 0.5, 0.8], [0.1, 0.6, 0.5]), Is.EqualTo(0.7559289).Within(1e-7));
        // A reversed ranking on two points is perfectly anti-correlated.
        Assert.That(RankAgreement.Pearson([0.1, 0.9], [0.8, 0.2]), Is.EqualTo(-1).Within(1e-12));
    }

    [Test]
    public void Pearson_is_one_for_identical_scores_and_undefined_when_only_one_side_is_constant()
    {
        Assert.That(RankAgreement.Pearson([0.5, 0.5], [0.5, 0.5]), Is.EqualTo(1), "SimplerEnv: equal centred vectors give 1");
        Assert.That(RankAgreement.Pearson([0.5, 0.5], [0.9, 0.3]), Is.Null, "no variance in sim: r is undefined, not 0");
        Assert.That(RankAgreement.Pearson([0.9, 0.3], [0, 0]), Is.Null);
    }

    [Test]
    public void Mmrv_counts_each_checkpoints_worst_violation_weighted_by_the_real_gap()
    {
        // sim 0.2 < 0.5 < 0.8; real 0.1 < 0.6 > 0.5. Checkpoint 0 violates nothing; 1 and 2 swap places: each
        // costs |0.6 - 0.5| = 0.1. MMRV = (0 + 0.1 + 0.1) / 3 = 0.0666667.
        Assert.That(RankAgreement.Mmrv([0.2, 0.5, 0.8], [0.1, 0.6, 0.5]), Is.EqualTo(0.2 / 3).Within(1e-12));
        // The same order on both sides: no violation, whatever the gaps.
        Assert.That(RankAgreement.Mmrv([0.1, 0.4, 0.9], [0.2, 0.3, 0.7]), Is.EqualTo(0));
        // Fully reversed on three: checkpoint 0 violates against 1 (real gap 0.4) and 2 (0.8): its worst is 0.8, not the
        // sum; checkpoint 1 violates against both by 0.4; checkpoint 2 by 0.8. MMRV = (0.8 + 0.4 + 0.8) / 3 = 0.6667.
        Assert.That(RankAgreement.Mmrv([0.9, 0.5, 0.1], [0.1, 0.5, 0.9]), Is.EqualTo(2.0 / 3).Within(1e-12));
        // Reversed: both checkpoints' worst violation is the real gap 0.6.
        Assert.That(RankAgreement.Mmrv([0.1, 0.9], [0.8, 0.2]), Is.EqualTo(0.6).Within(1e-12));
    }

    [Test]
    public void Mmrv_counts_a_tie_on_one_side_against_an_order_on_the_other_once_with_strict_comparisons()
    {
        // sim ties 0.5 = 0.5, real says 0.9 > 0.3. SimplerEnv compares with '>': for i = 0, (0.5 > 0.5) = false but
        // (0.9 > 0.3) = true -> violation 0.6; for i = 1 both false -> none. MMRV = 0.6 / 2 = 0.3.
        Assert.That(RankAgreement.Mmrv([0.5, 0.5], [0.9, 0.3]), Is.EqualTo(0.3).Within(1e-12));
        // Ties on the real side: the real gap is 0, so it costs nothing.
        Assert.That(RankAgreement.Mmrv([0.9, 0.3], [0.4, 0.4]), Is.EqualTo(0));
    }

    [Test]
    public void Ranks_share_the_better_rank_on_ties()
    {
        Assert.That(RankAgreement.Ranks([0.9, 0.5, 0.5, 0.1]), Is.EqualTo(new[] { 1, 2, 2, 4 }));
    }

    [Test]
    public void Fewer_than_two_checkpoints_or_unequal_lengths_are_refused()
    {
        Assert.That(() => RankAgreement.Mmrv([0.5], [0.5]), Throws.ArgumentException.With.Message.Contains("at least 2 checkpoints"));
        Assert.That(() => RankAgreement.Pearson([0.5, 0.2], [0.5]), Throws.ArgumentException.With.Message.Contains("got 2 and 1"));
    }
}
