using Harness.Eval.Robustness;
using Harness.Eval.Runs;

namespace Harness.Tests.Robustness;

/// <summary>The verdict rule, on hand-made levels.</summary>
public class RobustnessVerdictTests
{
    private static LevelResult L(int level, string value, int successes, int episodes = 20, double? p = null, bool complete = true) =>
        new(level, value, null, episodes, successes, 0, 1, new Dictionary<string, int>(), complete, p);

    [Test]
    public void The_first_level_below_half_of_nominal_is_named_with_its_value()
    {
        var v = RobustnessVerdict.For("friction", [L(0, "x1", 18), L(1, "x0.75", 16), L(2, "x0.5", 8), L(3, "x0.25", 2)]);
        Assert.That(v, Is.EqualTo("success falls below half of nominal at friction x0.5 (level 2: 90 % → 40 %)."));
    }

    [Test]
    public void Exactly_half_of_nominal_is_not_below_half()
    {
        var v = RobustnessVerdict.For("size", [L(0, "x1", 16), L(1, "x1.1", 8, p: 0.008)]);
        Assert.That(v, Does.StartWith("success drops significantly at size x1.1 (level 1: 80 % → 40 %, p = 0.008)"));
    }

    [Test]
    public void A_significant_drop_above_half_of_nominal_is_reported_with_its_p_value()
    {
        var v = RobustnessVerdict.For("push", [L(0, "0 N", 20), L(1, "5 N", 19, p: 1), L(2, "10 N", 13, p: 0.0156)]);
        Assert.That(v, Is.EqualTo("success drops significantly at push 10 N (level 2: 100 % → 65 %, p = 0.016) but never falls below half of nominal."));
    }

    [Test]
    public void A_tiny_p_value_is_written_as_below_a_thousandth_not_as_zero()
    {
        var v = RobustnessVerdict.For("size", [L(0, "x1", 42, episodes: 50), L(1, "x1.1", 27, episodes: 50, p: 0.000275)]);
        Assert.That(v, Does.Contain("p < 0.001)"));
    }

    [Test]
    public void A_drop_that_is_not_significant_is_not_called_one()
    {
        var v = RobustnessVerdict.For("camera", [L(0, "0 cm", 17), L(1, "2 cm", 15, p: 0.5), L(2, "4 cm", 16, p: 1)]);
        Assert.That(v, Is.EqualTo("no significant drop up to camera 4 cm (level 2; lowest 75 % at level 1, nominal 85 %)."));
        var flat = RobustnessVerdict.For("light", [L(0, "x1", 20), L(1, "x0.3", 20, p: 1)]);
        Assert.That(flat, Is.EqualTo("no drop up to light x0.3 (level 1): every level at or above nominal 100 %."));
    }

    [Test]
    public void Nothing_to_judge_without_nominal_success_or_complete_runs()
    {
        Assert.That(RobustnessVerdict.For("size", [L(0, "x1", 0), L(1, "x1.3", 0)]), Is.EqualTo("size: nominal success is 0 %, so this axis cannot show a drop."));
        Assert.That(RobustnessVerdict.For("size", [L(0, "x1", 5, complete: false), L(1, "x1.3", 0)]), Does.Contain("no complete nominal run"));
        Assert.That(RobustnessVerdict.For("size", [L(0, "x1", 5), L(1, "x1.3", 0, complete: false)]), Does.Contain("no complete perturbed run yet"),
            "an incomplete level is left out, not judged on the episodes it has");
    }

    [Test]
    public void Pairs_are_the_episodes_both_runs_have_with_the_same_seed()
    {
        EpisodeRow R(int e, int seed, bool ok) => new() { Episode = e, Seed = seed, Success = ok, Outcome = ok ? "SUCCESS" : "NEVER_PICKED_UP" };
        var a = new[] { R(0, 10, true), R(1, 11, true), R(2, 12, false), R(3, 13, true), R(4, 14, true) };
        var b = new[] { R(0, 10, false), R(1, 11, true), R(2, 12, true), R(3, 99, false), R(5, 15, false) };
        // Episode 3 has another seed (another initial state) and 4/5 exist on one side only: two pairs disagree, one each way.
        Assert.That(RobustnessReportBuilder.Pair(a, b), Is.EqualTo((3, 1, 1)));
    }
}
