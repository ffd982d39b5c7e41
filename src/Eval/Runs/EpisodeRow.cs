namespace Harness.Eval.Runs;

/// <summary>
/// One line of <c>episodes.csv</c>. Column names are part of the file format (see README).
/// Null metrics are written as empty cells.
/// </summary>
public sealed record EpisodeRow
{
    public int Episode { get; init; }
    public int Seed { get; init; }
    public string Outcome { get; init; } = "";
    public bool Success { get; init; }
    public int Steps { get; init; }
    public bool? PickedUp { get; init; }
    public bool? Dropped { get; init; }
    public double? MaxObjectHeightM { get; init; }
    public double? TimeToPickS { get; init; }
    public double? FinalGoalDistanceM { get; init; }
    public int PolicyCalls { get; init; }
    public double? PolicyLatencyMsP50 { get; init; }
    public double WallS { get; init; }
    public string? Error { get; init; }
    /// <summary>Additional optional columns (e.g. whisker metrics), name -> value.</summary>
    public IReadOnlyDictionary<string, double?> Extra { get; init; } = new Dictionary<string, double?>();
}
