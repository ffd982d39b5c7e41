namespace Harness.Eval.Statistics;

/// <summary>
/// Exact (Clopper-Pearson) one-sided confidence bounds for a binomial proportion, found by bisection
/// on the exact binomial tail: the bound holds with probability at least 1 - alpha whatever the true p.
/// </summary>
public static class ClopperPearson
{
    /// <summary>The largest p with P(X &lt;= x | n, p) &gt;= alpha (1 when x = n).</summary>
    public static double Upper(int x, int n, double alpha)
    {
        Check(x, n, alpha);
        if (x >= n) return 1;
        return Solve(p => Binomial.Cdf(x, n, p) - alpha, decreasing: true);
    }

    /// <summary>The smallest p with P(X &gt;= x | n, p) &gt;= alpha (0 when x = 0).</summary>
    public static double Lower(int x, int n, double alpha)
    {
        Check(x, n, alpha);
        if (x <= 0) return 0;
        return Solve(p => 1 - Binomial.Cdf(x - 1, n, p) - alpha, decreasing: false);
    }

    private static double Solve(Func<double, double> f, bool decreasing)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 100; i++)
        {
            double mid = 0.5 * (lo + hi);
            bool below = f(mid) > 0 == decreasing; // the root lies above mid
            if (below) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static void Check(int x, int n, double alpha)
    {
        if (n < 0 || x < 0 || x > n) throw new ArgumentOutOfRangeException(nameof(x), $"need 0 <= x <= n; got x={x}, n={n}.");
        if (alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "need 0 < alpha < 1.");
    }
}
