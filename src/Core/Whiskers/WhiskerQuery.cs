namespace Harness.Core.Whiskers;

/// <summary>
/// One policy query seen through the tool points and the joints. Per tool (<see cref="Tools"/>, in
/// the order of the trace's tool sites): where the tool was when the chunk was predicted, where the
/// chunk would take it if executed open-loop from that exact state (one point after each action),
/// where it actually went while rows of this chunk were executed (one point per executed row), and
/// the predicted paths of extra chunks drawn from a stochastic policy for the same observation.
/// <see cref="Start"/>, <see cref="Predicted"/>, <see cref="Actual"/> and <see cref="Samples"/> are
/// the first tool's. <see cref="Actions"/> is the chunk itself (robot units) and
/// <see cref="LastExecuted"/> the last action commanded while it was in force (null when none was),
/// which is where the next chunk's first action is compared (the action jump).
/// </summary>
public sealed record WhiskerQuery(
    int Index,
    int Step,
    IReadOnlyList<ToolWhisker> Tools,
    IReadOnlyList<double[]>? Actions = null,
    double[]? LastExecuted = null)
{
    /// <summary>A query of a single tool.</summary>
    public WhiskerQuery(int Index, int Step, Point3 Start, IReadOnlyList<Point3> Predicted, IReadOnlyList<Point3> Actual,
        IReadOnlyList<IReadOnlyList<Point3>> Samples, IReadOnlyList<double[]>? Actions = null, double[]? LastExecuted = null)
        : this(Index, Step, [new ToolWhisker(Start, Predicted, Actual, Samples)], Actions, LastExecuted) { }

    public Point3 Start => Tools[0].Start;
    public IReadOnlyList<Point3> Predicted => Tools[0].Predicted;
    public IReadOnlyList<Point3> Actual => Tools[0].Actual;
    public IReadOnlyList<IReadOnlyList<Point3>> Samples => Tools[0].Samples;

    public int Horizon => Predicted.Count;
    public int ExecutedRows => Actual.Count;
}
