namespace Harness.Eval.Statistics;

/// <summary>
/// Exact McNemar test for paired binary outcomes: under H0 the discordant pairs split 50/50, so the
/// two-sided p-value is twice the smaller binomial tail of Binomial(b + c, 1/2), capped at 1.
/// </summary>
public static class McNemarTest
{
    /// <param name="onlyFirst">Pairs where only the first run succeeded (b).</param>
    /// <param name="onlySecond">Pairs where only the second run succeeded (c).</param>
    public static double ExactPValue(int onlyFirst, int onlySecond)
    {
        if (onlyFirst < 0 || onlySecond < 0)
            throw new ArgumentOutOfRangeException(nameof(onlyFirst), $"discordant counts must be >= 0; got b={onlyFirst}, c={onlySecond}.");
        int n = onlyFirst + onlySecond;
        if (n == 0) return 1;
        return Math.Min(1, 2 * Binomial.Cdf(Math.Min(onlyFirst, onlySecond), n, 0.5));
    }
}
