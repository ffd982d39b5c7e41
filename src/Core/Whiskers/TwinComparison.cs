namespace Harness.Core.Whiskers;

/// <summary>
/// Prediction against execution, for a real robot compared with its simulated twin: the chunk
/// forward-simulated from the twin's state against the tool path the real arm followed. In a
/// simulated run this is zero by construction (the executed rows ARE the re-simulated prediction:
/// same state, same code, deterministic physics, with or without --actions-per-query), so
/// simulated whiskers never report it.
/// </summary>
public static class TwinComparison
{
    /// <summary>Mean distance (metres) between the predicted and the executed tool path over the executed rows; null when none ran.</summary>
    public static double? TrackingError(IReadOnlyList<Point3> predicted, IReadOnlyList<Point3> executed)
    {
        int n = Math.Min(predicted.Count, executed.Count);
        if (n == 0) return null;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += predicted[i].DistanceTo(executed[i]);
        return sum / n;
    }
}
