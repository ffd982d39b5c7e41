namespace Harness.Eval.Statistics;

/// <summary>Wilson score interval for a binomial proportion (95 % by default).</summary>
public static class WilsonInterval
{
    public const double Z95 = 1.959963984540054;

    public static (double Lo, double Hi) Compute(int successes, int trials, double z = Z95)
    {
        if (trials < 0 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 <= successes <= trials; got {successes}/{trials}.");
        if (trials == 0) return (0, 1);
        double n = trials, p = successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // At the extremes the bound is exactly 0 or 1; avoid returning 0.9999999999999999.
        double lo = successes == 0 ? 0 : Math.Max(0, centre - half);
        double hi = successes == trials ? 1 : Math.Min(1, centre + half);
        return (lo, hi);
    }
}
