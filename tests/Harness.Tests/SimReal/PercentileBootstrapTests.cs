using Harness.Eval.Statistics;

namespace Harness.Tests.SimReal;

public class PercentileBootstrapTests
{
    private static readonly IReadOnlyList<IReadOnlyList<bool>> Groups =
        [[true, true, false, true, false], [false, true, false, false], [true, true, true, false, true, true]];

    private static double? Spread(double[] rates) => rates.Max() - rates.Min();

    [Test]
    public void The_same_seed_gives_the_same_interval_and_another_seed_another()
    {
        var a = PercentileBootstrap.Interval(Groups, Spread, 2000, seed: 7);
        var b = PercentileBootstrap.Interval(Groups, Spread, 2000, seed: 7);
        var c = PercentileBootstrap.Interval(Groups, Spread, 2000, seed: 8);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c.Resamples, Is.EqualTo(2000));
        // Another seed draws other resamples: how often group 0 resamples to at most 2 of 5 successes differs.
        double? Gate(double[] r) => r[0] <= 0.4 ? null : r[0];
        Assert.That(PercentileBootstrap.Interval(Groups, Gate, 2000, seed: 8).Undefined, Is.Not.EqualTo(PercentileBootstrap.Interval(Groups, Gate, 2000, seed: 7).Undefined));
        Assert.That(a.Lo, Is.LessThanOrEqualTo(0.25 + 1e-12).And.GreaterThanOrEqualTo(0), "the observed spread is 0.833 - 0.25 = 0.583; the interval sits around it");
        Assert.That(a.Hi, Is.GreaterThanOrEqualTo(0.583).And.LessThanOrEqualTo(1));
    }

    [Test]
    public void Resamples_stay_within_each_group_and_the_interval_is_the_central_95_percent()
    {
        // One group [true, false]: a resample's rate is 0, 0.5 or 1 with chances 1/4, 1/2, 1/4, so the 2.5th
        // percentile is 0 and the 97.5th is 1. A group of one success always resamples to 1.
        var ci = PercentileBootstrap.Interval([[true, false], [true]], r => r[0], 2000, seed: 1);
        Assert.That((ci.Lo, ci.Hi), Is.EqualTo((0.0, 1.0)));
        var fixedGroup = PercentileBootstrap.Interval([[true, false], [true]], r => r[1], 2000, seed: 1);
        Assert.That((fixedGroup.Lo, fixedGroup.Hi), Is.EqualTo((1.0, 1.0)));
        // At a 40 % level the interval is the 30th to 70th percentile: within the middle half of draws, all 0.5.
        var half = PercentileBootstrap.Interval([[true, false], [true]], r => r[0], 4000, seed: 1, level: 0.4);
        Assert.That((half.Lo, half.Hi), Is.EqualTo((0.5, 0.5)));
    }

    [Test]
    public void Undefined_resamples_are_counted_and_left_out()
    {
        // Group 0 is all successes, so rates[0] is always 1; the statistic is undefined whenever group 1 resamples to 0 (1/4).
        var ci = PercentileBootstrap.Interval([[true, true], [true, false]], r => r[1] == 0 ? null : r[1], 2000, seed: 3);
        Assert.That(ci.Undefined, Is.InRange(400, 600));
        Assert.That(ci.Lo, Is.EqualTo(0.5));
        var never = PercentileBootstrap.Interval([[true]], _ => null, 10, seed: 3);
        Assert.That(never.Undefined, Is.EqualTo(10));
        Assert.That(double.IsNaN(never.Lo), Is.True);
    }
}
