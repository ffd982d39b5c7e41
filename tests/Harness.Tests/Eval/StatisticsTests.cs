using Harness.Core.Statistics;
using Harness.Eval.Statistics;

namespace Harness.Tests.Eval;

public class StatisticsTests
{
    // Wilson bounds are the roots of (p - phat)^2 = z^2 p (1 - p) / n; check that directly.
    [TestCase(0, 10)]
    [TestCase(8, 10)]
    [TestCase(10, 10)]
    [TestCase(57, 100)]
    public void Wilson_bounds_solve_the_score_equation(int s, int n)
    {
        var (lo, hi) = WilsonInterval.Compute(s, n);
        double phat = (double)s / n, z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        double Residual(double p) => (p - phat) * (p - phat) - z2 * p * (1 - p) / n;
        Assert.That(Residual(lo), Is.EqualTo(0).Within(1e-12));
        Assert.That(Residual(hi), Is.EqualTo(0).Within(1e-12));
        Assert.That(lo, Is.LessThanOrEqualTo(phat));
        Assert.That(hi, Is.GreaterThanOrEqualTo(phat));
    }

    [Test]
    public void Wilson_interval_narrows_with_more_trials()
    {
        var (l1, h1) = WilsonInterval.Compute(8, 10);
        var (l2, h2) = WilsonInterval.Compute(80, 100);
        Assert.That(h2 - l2, Is.LessThan(h1 - l1));
    }

    [Test]
    public void Percentiles_interpolate_like_numpy()
    {
        double[] v = [5, 1, 4, 2, 3];
        Assert.That(Percentiles.Of(v, 50), Is.EqualTo(3));
        Assert.That(Percentiles.Of(v, 95), Is.EqualTo(4 + 0.8 * 1).Within(1e-12));
        Assert.That(Percentiles.Of(v, 0), Is.EqualTo(1));
    }
}

public class NaturalOrderTests
{
    [Test]
    public void Digit_runs_compare_as_numbers()
    {
        string[] names = ["mlp_320", "mlp_5", "scripted", "mlp_20", "mlp_80", "mlp_020b"];
        Assert.That(names.Order(Harness.Eval.Runs.NaturalOrder.Instance),
            Is.EqualTo(new[] { "mlp_5", "mlp_20", "mlp_020b", "mlp_80", "mlp_320", "scripted" }));
    }
}
