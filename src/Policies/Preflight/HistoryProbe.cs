using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Preflight;

/// <summary>
/// Does a policy carry state from one observation to the next (observation history, action
/// queues, ensembling buffers)? Asked of any <see cref="IPolicy"/>: the same first observation,
/// fresh and then after two other observations, with <paramref name="resetBetween"/> a Reset
/// before it (state that survives Reset) or without (state kept when nobody resets). Only a
/// deterministic policy can be asked: a sampling one gives different chunks anyway.
/// </summary>
public static class HistoryProbe
{
    public enum Answer { Stateless, KeepsHistory, Sampling }

    /// <summary>Chunks closer than this (relative) count as equal.</summary>
    public const double Same = 1e-6;

    /// <summary>The answer, and the difference that decided it. Leaves the policy reset.</summary>
    public static (Answer Answer, double Difference) Run(IPolicy policy, Observation first, Observation other, string task, bool resetBetween)
    {
        try
        {
            policy.Reset();
            var fresh = policy.Infer(first, task);
            policy.Reset();
            double noise = MaxDifference(fresh, policy.Infer(first, task));
            if (noise > Same) return (Answer.Sampling, noise);
            policy.Infer(other, task);
            policy.Infer(other, task);
            if (resetBetween) policy.Reset();
            double diff = MaxDifference(fresh, policy.Infer(first, task));
            return (diff > Same ? Answer.KeepsHistory : Answer.Stateless, diff);
        }
        finally { policy.Reset(); }
    }

    /// <summary>Largest difference between two chunks, relative to the values (infinite when their shapes differ).</summary>
    public static double MaxDifference(ActionChunk a, ActionChunk b)
    {
        if (a.Length != b.Length || a.Dim != b.Dim) return double.PositiveInfinity;
        double max = 0;
        for (int t = 0; t < a.Length; t++)
            for (int j = 0; j < a.Dim; j++)
                max = Math.Max(max, Math.Abs(a[t][j] - b[t][j]) / (1 + Math.Abs(a[t][j])));
        return max;
    }
}
