namespace Harness.Eval.Statistics;

/// <summary>
/// Exact, conservative bounds on the difference of two success rates measured on the same
/// episodes, Δ = P(only the first succeeds) − P(only the second succeeds) = ψ(2π − 1), where ψ is the
/// chance that a pair is discordant and π the chance that a discordant pair favours the first. With
/// probability at least 1 − 2α: ψ ≤ ψ_U (Clopper-Pearson upper bound, level α, on the b + c
/// discordant pairs out of n) and π ∈ [π_L, π_U] (Clopper-Pearson, α/2 each side, on b of b + c);
/// then Δ ∈ [ψ_U·min(2π_L − 1, 0), ψ_U·max(2π_U − 1, 0)]. The interval lying inside (−D, D) is the
/// two one-sided tests (TOST) of equivalence within D at level α each.
/// </summary>
public static class PairedDifferenceBounds
{
    /// <param name="onlyFirst">Pairs where only the first succeeded (b).</param>
    /// <param name="onlySecond">Pairs where only the second succeeded (c).</param>
    /// <param name="pairs">All pairs (n).</param>
    public static (double Low, double High) Interval(int onlyFirst, int onlySecond, int pairs, double alpha)
    {
        int discordant = onlyFirst + onlySecond;
        if (onlyFirst < 0 || onlySecond < 0 || discordant > pairs)
            throw new ArgumentOutOfRangeException(nameof(pairs), $"need b, c >= 0 and b + c <= n; got b={onlyFirst}, c={onlySecond}, n={pairs}.");
        if (pairs == 0) return (-1, 1);
        double psiHigh = ClopperPearson.Upper(discordant, pairs, alpha);
        double piLow = discordant == 0 ? 0 : ClopperPearson.Lower(onlyFirst, discordant, alpha / 2);
        double piHigh = discordant == 0 ? 1 : ClopperPearson.Upper(onlyFirst, discordant, alpha / 2);
        return (psiHigh * Math.Min(2 * piLow - 1, 0), psiHigh * Math.Max(2 * piHigh - 1, 0));
    }

    /// <summary>TOST: both one-sided tests at level <paramref name="alpha"/> reject |Δ| ≥ <paramref name="margin"/>.</summary>
    public static bool Equivalent(int onlyFirst, int onlySecond, int pairs, double margin, double alpha)
    {
        var (lo, hi) = Interval(onlyFirst, onlySecond, pairs, alpha);
        return lo > -margin && hi < margin;
    }
}
