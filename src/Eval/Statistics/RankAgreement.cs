namespace Harness.Eval.Statistics;

/// <summary>
/// How well one set of per-checkpoint scores (simulation) predicts another (the real robot), as the
/// SimplerEnv paper measures it (Li et al. 2024, "Evaluating Real-World Robot Manipulation Policies
/// in Simulation", section 4; reference code simpler_env/utils/metrics.py, functions
/// pearson_correlation and mean_maximum_rank_violation).
/// </summary>
public static class RankAgreement
{
    /// <summary>
    /// Pearson's r of sim against real. Identical centred vectors give 1 (as SimplerEnv's code does,
    /// e.g. both constant and equal); otherwise a side with no variance leaves r undefined (null),
    /// where SimplerEnv's 1e-8 guard would silently give 0.
    /// </summary>
    public static double? Pearson(IReadOnlyList<double> sim, IReadOnlyList<double> real)
    {
        Check(sim, real);
        double ms = sim.Average(), mr = real.Average();
        double sxy = 0, sxx = 0, syy = 0;
        bool same = true;
        for (int i = 0; i < sim.Count; i++)
        {
            double x = sim[i] - ms, y = real[i] - mr;
            same &= x == y;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        if (same) return 1;
        if (sxx == 0 || syy == 0) return null;
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Mean maximum rank violation: MMRV = (1/N) sum_i max_j |r_i - r_j| * 1[(s_i > s_j) != (r_i > r_j)],
    /// with s the simulated and r the real success rates of N checkpoints. A pair ordered one way in
    /// simulation and the other way (or tied) on the real robot costs the real gap between them;
    /// each checkpoint counts its worst violation. Strict comparisons as in SimplerEnv's code, so a
    /// tie on one side and an order on the other is a violation (seen from the higher checkpoint).
    /// 0 is a perfect ranking; the real rates bound it above.
    /// </summary>
    public static double Mmrv(IReadOnlyList<double> sim, IReadOnlyList<double> real)
    {
        Check(sim, real);
        double total = 0;
        for (int i = 0; i < sim.Count; i++)
        {
            double worst = 0;
            for (int j = 0; j < sim.Count; j++)
                if ((sim[i] > sim[j]) != (real[i] > real[j]))
                    worst = Math.Max(worst, Math.Abs(real[i] - real[j]));
            total += worst;
        }
        return total / sim.Count;
    }

    /// <summary>Competition ranks (1 = highest; ties share the better rank: 0.9, 0.5, 0.5, 0.1 -> 1, 2, 2, 4).</summary>
    public static int[] Ranks(IReadOnlyList<double> scores) =>
        scores.Select(s => 1 + scores.Count(o => o > s)).ToArray();

    private static void Check(IReadOnlyList<double> sim, IReadOnlyList<double> real)
    {
        if (sim.Count != real.Count)
            throw new ArgumentException($"sim and real need one score per checkpoint each; got {sim.Count} and {real.Count}.");
        if (sim.Count < 2)
            throw new ArgumentException($"rank agreement needs at least 2 checkpoints; got {sim.Count}.");
    }
}
