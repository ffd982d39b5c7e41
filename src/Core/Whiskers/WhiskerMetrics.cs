namespace Harness.Core.Whiskers;

/// <summary>
/// The whisker metrics, on tool paths. Row r of a chunk predicted at step s is the tool position
/// after action r, i.e. at step s + r + 1; two predictions are compared only where their time
/// spans overlap.
/// </summary>
public static class WhiskerMetrics
{
    /// <summary>Mean distance between the predicted and the actual tool path over the executed rows.</summary>
    public static double? PredictionError(IReadOnlyList<Point3> predicted, IReadOnlyList<Point3> actual)
    {
        int n = Math.Min(predicted.Count, actual.Count);
        if (n == 0) return null;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += predicted[i].DistanceTo(actual[i]);
        return sum / n;
    }

    /// <summary>
    /// Mean distance between the rows of the previous prediction and the new one that refer to the
    /// same future step; null when they do not overlap (the previous chunk was executed to its end).
    /// </summary>
    public static double? Consistency(int previousStep, IReadOnlyList<Point3> previous, int step, IReadOnlyList<Point3> current)
    {
        if (step < previousStep)
            throw new ArgumentException($"queries must be in step order; got step {step} after step {previousStep}.");
        int offset = step - previousStep;
        int n = Math.Min(previous.Count - offset, current.Count);
        if (n <= 0) return null;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += previous[offset + i].DistanceTo(current[i]);
        return sum / n;
    }

    /// <summary>Mean distance of sampled chunk end points to their centroid; null for fewer than two samples.</summary>
    public static double? SampleSpread(IReadOnlyList<Point3> endPoints)
    {
        if (endPoints.Count < 2) return null;
        var c = Point3.Centroid(endPoints);
        return endPoints.Average(p => p.DistanceTo(c));
    }

    /// <summary>Per-query metrics of an episode's queries, in order.</summary>
    public static IReadOnlyList<WhiskerQueryMetrics> Evaluate(IReadOnlyList<WhiskerQuery> queries)
    {
        var result = new WhiskerQueryMetrics[queries.Count];
        for (int i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            double? consistency = i == 0 ? null : Consistency(queries[i - 1].Step, queries[i - 1].Predicted, q.Step, q.Predicted);
            double? spread = SampleSpread(q.Samples.Where(s => s.Count > 0).Select(s => s[^1]).ToArray());
            result[i] = new WhiskerQueryMetrics(q.Index, q.Step, PredictionError(q.Predicted, q.Actual), consistency, spread);
        }
        return result;
    }
}
