using NUnit.Framework;
using System.Numerics;
using Harness.Eval.Statistics;

namespace Harness.Tests.Reports;

public class StatisticsTests
{
    /// <summary>Independent reference: exact binomial tail with big-integer coefficients, no logs.</summary>
    private static double ExactTail(int k, int n, double p)
    {
        // P(X <= k) = sum C(n,i) p^i q^(n-i), evaluated as a ratio of big integers scaled to 10^30.
        var q = 1 - p;
        double sum = 0;
        BigInteger c = 1;
        for (int i = 0; i <= k; i++)
        {
            if (i > 0) c = c * (n - i + 1) / i;
            sum += Math.Exp(BigInteger.Log(c) + i * Math.Log(p) + (n - i) * Math.Log(q));
        }
        return sum;
    }

    private static double McNemarReference(int b, int c)
    {
        int n = b + c;
        if (n == 0) return 1;
        // With p = 1/2: tail = sum C(n,i) / 2^n, exactly as big integers.
        BigInteger num = 0, coef = 1;
        for (int i = 0; i <= Math.Min(b, c); i++)
        {
            if (i > 0) coef = coef * (n - i + 1) / i;
            num += coef;
        }
        double tail = Math.Exp(BigInteger.Log(num) - n * Math.Log(2));
        return Math.Min(1, 2 * tail);
    }

    [TestCase(0, 0)]
    [TestCase(0, 1)]
    [TestCase(0, 5)]
    [TestCase(1, 9)]
    [TestCase(3, 12)]
    [TestCase(7, 7)]
    [TestCase(10, 4)]
    [TestCase(25, 40)]
    [TestCase(120, 80)]
    [TestCase(300, 370)]
    [TestCase(1500, 1400)]
    public void ExactMcNemarMatchesBigIntegerBinomial(int b, int c)
    {
        double expected = McNemarReference(b, c);
        double actual = McNemarTest.ExactPValue(b, c);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-12 + 1e-9 * expected));
        Assert.That(McNemarTest.ExactPValue(c, b), Is.EqualTo(actual), "the test is two-sided, so symmetric in b and c");
    }

    [Test]
    public void ExactMcNemarIsOneWhenDiscordantPairsSplitEvenly()
    {
        for (int k = 0; k < 30; k++) Assert.That(McNemarTest.ExactPValue(k, k), Is.EqualTo(1.0));
    }

    [Test]
    public void ExactMcNemarShrinksAsTheSplitGetsMoreLopsided()
    {
        double previous = 1.0;
        for (int b = 10; b >= 0; b--)
        {
            double p = McNemarTest.ExactPValue(b, 20 - b);
            Assert.That(p, Is.LessThanOrEqualTo(previous));
            previous = p;
        }
    }

    [TestCase(5, 20, 0.3)]
    [TestCase(0, 12, 0.1)]
    [TestCase(40, 100, 0.45)]
    [TestCase(199, 200, 0.9)]
    public void BinomialCdfMatchesDirectSum(int k, int n, double p) =>
        Assert.That(Binomial.Cdf(k, n, p), Is.EqualTo(ExactTail(k, n, p)).Within(1e-10));

    [TestCase(0, 10)]
    [TestCase(0, 50)]
    [TestCase(10, 10)]
    [TestCase(50, 50)]
    public void WilsonAtTheBoundsMatchesItsClosedForm(int k, int n)
    {
        double z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        var (lo, hi) = WilsonInterval.Compute(k, n);
        if (k == 0) { Assert.That(lo, Is.EqualTo(0)); Assert.That(hi, Is.EqualTo(z2 / (n + z2)).Within(1e-12)); }
        else { Assert.That(hi, Is.EqualTo(1)); Assert.That(lo, Is.EqualTo(n / (n + z2)).Within(1e-12)); }
    }

    [TestCase(3, 10)]
    [TestCase(17, 40)]
    [TestCase(81, 100)]
    [TestCase(1, 3)]
    public void WilsonMatchesTheQuadraticRootsForm(int k, int n)
    {
        // Wilson bounds are the roots of (p_hat - p)^2 = z^2 p (1-p) / n; written here as the quadratic formula.
        double z = WilsonInterval.Z95, z2 = z * z, ph = k / (double)n;
        double a = 1 + z2 / n, bq = -(2 * ph + z2 / n), c = ph * ph;
        double disc = Math.Sqrt(bq * bq - 4 * a * c);
        var (lo, hi) = WilsonInterval.Compute(k, n);
        Assert.That(lo, Is.EqualTo((-bq - disc) / (2 * a)).Within(1e-12));
        Assert.That(hi, Is.EqualTo((-bq + disc) / (2 * a)).Within(1e-12));
    }

    [Test]
    public void NormalQuantileHitsKnownValues()
    {
        Assert.That(NormalDistribution.Quantile(0.975), Is.EqualTo(WilsonInterval.Z95).Within(1e-8));
        Assert.That(NormalDistribution.Quantile(0.5), Is.EqualTo(0).Within(1e-12));
        for (double p = 0.001; p < 1; p += 0.0371)
            Assert.That(NormalDistribution.Quantile(1 - p), Is.EqualTo(-NormalDistribution.Quantile(p)).Within(1e-9));
        // Phi(Quantile(p)) == p, with Phi from the trapezoid-free series erf(x) = 2/sqrt(pi) sum (-1)^n x^(2n+1)/(n!(2n+1)).
        foreach (var p in new[] { 0.6, 0.8, 0.9, 0.95 })
        {
            double x = NormalDistribution.Quantile(p) / Math.Sqrt(2), term = x, erf = x;
            for (int n = 1; n < 60; n++) { term *= -x * x / n; erf += term / (2 * n + 1); }
            Assert.That(0.5 * (1 + 2 / Math.Sqrt(Math.PI) * erf), Is.EqualTo(p).Within(1e-8));
        }
    }

    [Test]
    public void SampleSizesMoveTheRightWay()
    {
        double p0 = 0.5;
        int previous = int.MaxValue;
        foreach (var d in new[] { 0.05, 0.1, 0.15, 0.2, 0.3 })
        {
            int paired = SampleSize.McNemarPairs(SampleSize.IndependentDiscordance(p0, p0 + d), d);
            int unpaired = SampleSize.TwoProportionsPerArm(p0, p0 + d);
            Assert.That(paired, Is.LessThan(previous), "a larger difference needs fewer episodes");
            Assert.That(Math.Abs(paired - unpaired) / (double)unpaired, Is.LessThan(0.1), "with independent outcomes pairing gains almost nothing");
            previous = paired;
        }
        double psi = 0.3, delta = 0.1;
        Assert.That(SampleSize.McNemarPairs(psi / 2, delta), Is.LessThan(SampleSize.McNemarPairs(psi, delta)), "fewer disagreements, fewer pairs");
        Assert.That(SampleSize.McNemarPairs(psi, delta, power: 0.9), Is.GreaterThan(SampleSize.McNemarPairs(psi, delta, power: 0.8)));
        Assert.That(SampleSize.McNemarPairs(psi, delta, alpha: 0.01), Is.GreaterThan(SampleSize.McNemarPairs(psi, delta, alpha: 0.05)));
        Assert.That(SampleSize.TwoProportionsPerArm(0.9, 0.8), Is.LessThan(SampleSize.TwoProportionsPerArm(0.55, 0.45)), "rates near 50 % are the noisiest");
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.McNemarPairs(0.05, 0.1));
    }

    [Test]
    public void ExactFloorNeedsSixOneSidedDiscordantPairsAtFivePercent()
    {
        // 2 * 0.5^5 = 0.0625 cannot reject at 0.05; 2 * 0.5^6 = 0.03125 can.
        Assert.That(McNemarTest.ExactPValue(0, 5), Is.GreaterThan(0.05));
        Assert.That(McNemarTest.ExactPValue(0, 6), Is.LessThan(0.05));
        Assert.That(SampleSize.ExactMcNemarFloor(1.0), Is.EqualTo(6));
        Assert.That(SampleSize.ExactMcNemarFloor(0.5), Is.EqualTo(12));
        Assert.That(SampleSize.ExactMcNemarFloor(0.5, alpha: 0.01), Is.GreaterThan(12));
    }

    [TestCase(0.25, 0.10)]
    [TestCase(0.40, 0.20)]
    [TestCase(0.35, 0.15)]
    // Connor's formula rests on the normal approximation, so cases with few expected discordant
    // pairs (under ~30) come out a few points above the asked power; these cases stay clear of that.
    public void McNemarSampleSizeDeliversTheAskedPowerInSimulation(double psi, double delta)
    {
        // Discordant-pair probabilities that give (psi, delta): p10 = (psi + delta)/2, p01 = (psi - delta)/2.
        int n = SampleSize.McNemarPairs(psi, delta);
        double p10 = (psi + delta) / 2, p01 = (psi - delta) / 2, z = NormalDistribution.Quantile(0.975);
        var rng = new Random(12345);
        int trials = 4000, rejections = 0;
        for (int t = 0; t < trials; t++)
        {
            int b = 0, c = 0;
            for (int i = 0; i < n; i++)
            {
                double u = rng.NextDouble();
                if (u < p10) b++; else if (u < p10 + p01) c++;
            }
            // The asymptotic McNemar test that Connor's formula is derived for.
            if (b + c > 0 && Math.Abs(b - c) / Math.Sqrt(b + c) > z) rejections++;
        }
        Assert.That(rejections / (double)trials, Is.EqualTo(0.8).Within(0.035), $"n = {n}");
    }

    [TestCase(0.5, 0.65)]
    [TestCase(0.2, 0.4)]
    public void UnpairedSampleSizeDeliversTheAskedPowerInSimulation(double p1, double p2)
    {
        int n = SampleSize.TwoProportionsPerArm(p1, p2);
        double z = NormalDistribution.Quantile(0.975);
        var rng = new Random(777);
        int trials = 3000, rejections = 0;
        for (int t = 0; t < trials; t++)
        {
            int x1 = 0, x2 = 0;
            for (int i = 0; i < n; i++) { if (rng.NextDouble() < p1) x1++; if (rng.NextDouble() < p2) x2++; }
            double pool = (x1 + x2) / (2.0 * n), se = Math.Sqrt(pool * (1 - pool) * 2 / n);
            if (se > 0 && Math.Abs(x1 - x2) / (double)n / se > z) rejections++;
        }
        Assert.That(rejections / (double)trials, Is.EqualTo(0.8).Within(0.035), $"n = {n}");
    }

    [Test]
    public void HolmMatchesItsDefinition()
    {
        var rng = new Random(3);
        for (int rep = 0; rep < 20; rep++)
        {
            var p = Enumerable.Range(0, 1 + rng.Next(8)).Select(_ => rng.NextDouble() * 0.2).ToArray();
            var adjusted = HolmAdjustment.Adjust(p);
            var sorted = p.Order().ToArray();
            int m = p.Length;
            for (int i = 0; i < m; i++)
            {
                int rank = Array.IndexOf(sorted, p[i]);
                // Definition: max over j <= rank of min(1, (m - j) * p_(j)).
                double expected = Enumerable.Range(0, rank + 1).Max(j => Math.Min(1, (m - j) * sorted[j]));
                Assert.That(adjusted[i], Is.EqualTo(expected).Within(1e-15));
                Assert.That(adjusted[i], Is.GreaterThanOrEqualTo(p[i]));
            }
        }
    }
}
