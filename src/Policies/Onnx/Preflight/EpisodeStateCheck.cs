using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (f) Per-episode state must not survive <see cref="IPolicy.Reset"/>: the same observation right
/// after Reset must give the same actions whether or not another episode ran before. Works on any
/// deterministic <see cref="IPolicy"/>; leaves the policy reset.
/// </summary>
public static class EpisodeStateCheck
{
    public static IEnumerable<PreflightFinding> Run(IPolicy policy, Observation first, Observation other, string task = "")
    {
        try
        {
            policy.Reset();
            var fresh = policy.Infer(first, task);
            policy.Reset();
            var freshAgain = policy.Infer(first, task);
            double noise = MaxDifference(fresh, freshAgain);
            if (noise > 1e-6)
                return [new PreflightFinding(PreflightCheck.EpisodeState,
                    $"the policy is not deterministic (the same observation after Reset differed by {StatsCheck.F(noise)}), so state carried across Reset cannot be ruled out. Make inference deterministic for evaluation.")];

            // A previous "episode" with different observations, then Reset and the first observation again.
            policy.Reset();
            policy.Infer(other, task);
            policy.Infer(other, task);
            policy.Reset();
            var afterEpisode = policy.Infer(first, task);
            double diff = MaxDifference(fresh, afterEpisode);
            if (diff > 1e-6)
                return [new PreflightFinding(PreflightCheck.EpisodeState,
                    $"per-episode state survives Reset: after another episode and Reset, the same observation gave actions differing by up to {StatsCheck.F(diff)} " +
                    "from a fresh start. Observation histories, action queues or ensembling buffers must be cleared in Reset.")];
            return [];
        }
        finally { policy.Reset(); }
    }

    private static double MaxDifference(ActionChunk a, ActionChunk b)
    {
        if (a.Length != b.Length || a.Dim != b.Dim) return double.PositiveInfinity;
        double max = 0;
        for (int t = 0; t < a.Length; t++)
            for (int j = 0; j < a.Dim; j++)
                max = Math.Max(max, Math.Abs(a[t][j] - b[t][j]) / (1 + Math.Abs(a[t][j])));
        return max;
    }
}
