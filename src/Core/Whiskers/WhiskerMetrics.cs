namespace Harness.Core.Whiskers;

/// <summary>
/// The whisker metrics that say something about a policy in simulation. Row r of a chunk
/// predicted at step s is the tool position after action r, i.e. at step s + r + 1; two
/// predictions are compared only where their time spans overlap. (Prediction against execution
/// is zero by construction in simulation; it lives in <see cref="TwinComparison"/>.)
/// </summary>
public static class WhiskerMetrics
{
    /// <summary>
    /// Mean distance between the rows of the previous prediction and the new one that refer to the
    /// same future step; null when they do not overlap (the previous chunk was executed to its end).
    /// </summary>
    public static double? Consistency(int previousStep, IReadOnlyList<Point3> previous, int step, IReadOnlyList<Point3> current) =>
        Consistency(previousStep, [previous], step, [current]);

    /// <summary>
    /// The same over several tools (one path per tool, in the same order in both predictions): the
    /// mean over every tool's overlapping rows.
    /// </summary>
    public static double? Consistency(int previousStep, IReadOnlyList<IReadOnlyList<Point3>> previous, int step, IReadOnlyList<IReadOnlyList<Point3>> current)
    {
        if (step < previousStep)
            throw new ArgumentException($"queries must be in step order; got step {step} after step {previousStep}.");
        if (previous.Count != current.Count)
            throw new ArgumentException($"predictions of different tool counts ({previous.Count} vs {current.Count}) cannot be compared.");
        int offset = step - previousStep, rows = 0;
        double sum = 0;
        for (int t = 0; t < current.Count; t++)
        {
            int n = Math.Min(previous[t].Count - offset, current[t].Count);
            for (int i = 0; i < n; i++) sum += previous[t][offset + i].DistanceTo(current[t][i]);
            rows += Math.Max(0, n);
        }
        return rows == 0 ? null : sum / rows;
    }

    /// <summary>Mean distance of sampled chunk end points to their centroid; null for fewer than two samples.</summary>
    public static double? SampleSpread(IReadOnlyList<Point3> endPoints)
    {
        if (endPoints.Count < 2) return null;
        var c = Point3.Centroid(endPoints);
        return endPoints.Average(p => p.DistanceTo(c));
    }

    /// <summary>
    /// The plan discontinuity at a chunk boundary: |first action of the new chunk - last action
    /// executed from the previous one| per joint, in the joint's unit. It exists even when whole
    /// chunks run open-loop, where consecutive predictions never overlap in time.
    /// </summary>
    public static double[] ActionJump(IReadOnlyList<double> lastExecuted, IReadOnlyList<double> nextFirst)
    {
        if (lastExecuted.Count != nextFirst.Count)
            throw new ArgumentException($"actions of different sizes ({lastExecuted.Count} vs {nextFirst.Count}) cannot be compared.");
        var jump = new double[nextFirst.Count];
        for (int j = 0; j < jump.Length; j++) jump[j] = Math.Abs(nextFirst[j] - lastExecuted[j]);
        return jump;
    }

    /// <summary>Per-query metrics of an episode's queries, in order.</summary>
    public static IReadOnlyList<WhiskerQueryMetrics> Evaluate(IReadOnlyList<WhiskerQuery> queries)
    {
        var result = new WhiskerQueryMetrics[queries.Count];
        for (int i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            var previous = i == 0 ? null : queries[i - 1];
            double? consistency = previous is null ? null
                : Consistency(previous.Step, previous.Tools.Select(t => t.Predicted).ToArray(), q.Step, q.Tools.Select(t => t.Predicted).ToArray());
            // With several tools, the mean of each tool's spread.
            var spreads = q.Tools.Select(t => SampleSpread(t.Samples.Where(s => s.Count > 0).Select(s => s[^1]).ToArray())).Where(x => x is not null).ToArray();
            double? spread = spreads.Length == 0 ? null : spreads.Average();
            double[]? jump = previous?.LastExecuted is { } last && q.Actions is { Count: > 0 } actions ? ActionJump(last, actions[0]) : null;
            result[i] = new WhiskerQueryMetrics(q.Index, q.Step, consistency, spread, jump);
        }
        return result;
    }
}
