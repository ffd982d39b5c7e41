namespace Harness.Core.Tasks;

/// <summary>
/// The class of a finished episode plus the task's metrics (see <see cref="TaskMetrics"/> for the
/// well-known keys). Metrics a task cannot measure are simply absent.
/// </summary>
public sealed record TaskOutcome(FailureClass Outcome, IReadOnlyDictionary<string, double> Metrics, string? Detail = null)
{
    public bool Success => Outcome == FailureClass.Success;

    public double? Metric(string key) => Metrics.TryGetValue(key, out var v) ? v : null;
}

/// <summary>Well-known metric keys shared by monitors, run files and reports.</summary>
public static class TaskMetrics
{
    public const string PickedUp = "picked_up";
    public const string Dropped = "dropped";
    public const string MaxObjectHeightM = "max_object_height_m";
    public const string TimeToPickS = "time_to_pick_s";
    public const string FinalGoalDistanceM = "final_goal_distance_m";
}
