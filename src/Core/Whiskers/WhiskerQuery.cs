namespace Harness.Core.Whiskers;

/// <summary>
/// One policy query seen through the tool point and the joints: where the tool was when the chunk
/// was predicted (<see cref="Start"/>), where the chunk would take it if executed open-loop from
/// that exact state (<see cref="Predicted"/>, one point after each action), and where the tool
/// actually went while rows of this chunk were being executed (<see cref="Actual"/>, one point per
/// executed row, so its length is the number of rows executed). <see cref="Samples"/> holds the
/// predicted paths of extra chunks drawn from a stochastic policy for the same observation (empty
/// when none were drawn). <see cref="Actions"/> is the chunk itself (robot units) and
/// <see cref="LastExecuted"/> the last action commanded while it was in force (null when none was),
/// which is where the next chunk's first action is compared (the action jump).
/// </summary>
public sealed record WhiskerQuery(
    int Index,
    int Step,
    Point3 Start,
    IReadOnlyList<Point3> Predicted,
    IReadOnlyList<Point3> Actual,
    IReadOnlyList<IReadOnlyList<Point3>> Samples,
    IReadOnlyList<double[]>? Actions = null,
    double[]? LastExecuted = null)
{
    public int Horizon => Predicted.Count;
    public int ExecutedRows => Actual.Count;
}
