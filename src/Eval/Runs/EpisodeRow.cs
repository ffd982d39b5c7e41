namespace Harness.Eval.Runs;

/// <summary>
/// One line of <c>episodes.csv</c>: the fixed columns, the task's metrics (keys of its schema;
/// null where the episode did not measure them) and extra columns from observers (e.g. whisker
/// metrics, applied perturbations). Null values are written as empty cells.
/// </summary>
public sealed record EpisodeRow
{
    public int Episode { get; init; }
    public int Seed { get; init; }
    public string Outcome { get; init; } = "";
    public bool Success { get; init; }
    public int Steps { get; init; }
    public IReadOnlyDictionary<string, double?> Metrics { get; init; } = new Dictionary<string, double?>();
    public int PolicyCalls { get; init; }
    public double? PolicyLatencyMsP50 { get; init; }
    public double WallS { get; init; }
    /// <summary>The event behind the label, e.g. "grasp lost 14 cm above the table, 9.3 cm from the bowl centre".</summary>
    public string? Detail { get; init; }
    public string? Error { get; init; }
    public IReadOnlyDictionary<string, double?> Extra { get; init; } = new Dictionary<string, double?>();

    public double? Metric(string key) => Metrics.TryGetValue(key, out var v) ? v : null;
}
