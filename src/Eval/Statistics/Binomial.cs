namespace Harness.Eval.Statistics;

/// <summary>Exact binomial probabilities, computed in log space so that n in the thousands does not underflow.</summary>
public static class Binomial
{
    /// <summary>P(X &lt;= k) for X ~ Binomial(n, p).</summary>
    public static double Cdf(int k, int n, double p)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "need n >= 0.");
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "need 0 <= p <= 1.");
        if (k < 0) return 0;
        if (k >= n) return 1;
        if (p == 0) return 1;
        if (p == 1) return 0;
        double logP = Math.Log(p), logQ = double.LogP1(-p);
        // log pmf(i+1) = log pmf(i) + log((n-i)/(i+1)) + log(p/q); summed with log-sum-exp.
        double logPmf = n * logQ, logSum = logPmf;
        for (int i = 0; i < k; i++)
        {
            logPmf += Math.Log((double)(n - i) / (i + 1)) + logP - logQ;
            logSum = LogAddExp(logSum, logPmf);
        }
        return Math.Min(1, Math.Exp(logSum));
    }

    private static double LogAddExp(double a, double b)
    {
        double hi = Math.Max(a, b), lo = Math.Min(a, b);
        return hi + double.LogP1(Math.Exp(lo - hi));
    }
}
