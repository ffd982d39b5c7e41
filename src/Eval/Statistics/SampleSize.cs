namespace Harness.Eval.Statistics;

/// <summary>
/// Episodes needed to detect a difference in success rate with a two-sided test at level alpha and
/// the given power. Results are rounded up to whole episodes.
/// </summary>
public static class SampleSize
{
    /// <summary>
    /// Paired design (McNemar), Connor (1987): n = (z_a sqrt(psi) + z_b sqrt(psi - delta^2))^2 / delta^2,
    /// where psi = P(discordant pair) and delta = p1 - p2. Returns the number of pairs, i.e. episodes per policy.
    /// </summary>
    public static int McNemarPairs(double discordance, double delta, double alpha = 0.05, double power = 0.8)
    {
        delta = Math.Abs(delta);
        if (delta <= 0 || delta > 1) throw new ArgumentOutOfRangeException(nameof(delta), delta, "need 0 < |delta| <= 1.");
        if (discordance < delta || discordance > 1)
            throw new ArgumentOutOfRangeException(nameof(discordance), discordance,
                $"the discordant-pair probability must lie in [|delta|, 1] = [{delta}, 1]: a difference of {delta} needs at least that many discordant pairs.");
        var (za, zb) = Z(alpha, power);
        double n = Math.Pow(za * Math.Sqrt(discordance) + zb * Math.Sqrt(discordance - delta * delta), 2) / (delta * delta);
        return (int)Math.Ceiling(n - 1e-9);
    }

    /// <summary>
    /// Fewest pairs with which the exact McNemar test can reject at all: it needs at least k discordant
    /// pairs, all one way, where 2 * 0.5^k &lt; alpha (k = 6 at 0.05), and only a share
    /// <paramref name="discordance"/> of pairs is discordant. Connor's normal approximation can fall below
    /// this for very large differences.
    /// </summary>
    public static int ExactMcNemarFloor(double discordance, double alpha = 0.05)
    {
        if (!(discordance > 0 && discordance <= 1)) throw new ArgumentOutOfRangeException(nameof(discordance), discordance, "need 0 < discordance <= 1.");
        int k = 1;
        while (McNemarTest.ExactPValue(0, k) >= alpha) k++;
        return (int)Math.Ceiling(k / discordance - 1e-9);
    }

    /// <summary>Discordant-pair probability when the two runs' outcomes are independent given the rates.</summary>
    public static double IndependentDiscordance(double p1, double p2) => p1 * (1 - p2) + p2 * (1 - p1);

    /// <summary>
    /// Unpaired design (two independent samples, pooled-variance z test, no continuity correction):
    /// n per arm = (z_a sqrt(2 pbar qbar) + z_b sqrt(p1 q1 + p2 q2))^2 / delta^2.
    /// </summary>
    public static int TwoProportionsPerArm(double p1, double p2, double alpha = 0.05, double power = 0.8)
    {
        if (p1 is < 0 or > 1 || p2 is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p1), $"rates must lie in [0, 1]; got {p1}, {p2}.");
        double delta = Math.Abs(p1 - p2);
        if (delta == 0) throw new ArgumentOutOfRangeException(nameof(p2), "the two rates are equal: no sample size detects a zero difference.");
        var (za, zb) = Z(alpha, power);
        double pbar = (p1 + p2) / 2;
        double n = Math.Pow(za * Math.Sqrt(2 * pbar * (1 - pbar)) + zb * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2)), 2) / (delta * delta);
        return (int)Math.Ceiling(n - 1e-9);
    }

    private static (double Za, double Zb) Z(double alpha, double power)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "need 0 < alpha < 1.");
        if (!(power > 0 && power < 1)) throw new ArgumentOutOfRangeException(nameof(power), power, "need 0 < power < 1.");
        return (NormalDistribution.Quantile(1 - alpha / 2), NormalDistribution.Quantile(power));
    }
}
