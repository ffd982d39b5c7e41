namespace Harness.Core.Whiskers;

/// <summary>
/// One tool's side of a query (a robot with several grippers has one per tool): where the tool was
/// when the chunk was predicted, its predicted path (one point after each action), the path it
/// actually followed while rows of the chunk were executed, and the predicted paths of sampled chunks.
/// </summary>
public sealed record ToolWhisker(
    Point3 Start,
    IReadOnlyList<Point3> Predicted,
    IReadOnlyList<Point3> Actual,
    IReadOnlyList<IReadOnlyList<Point3>> Samples);
