using Harness.Core.Robots;

namespace Harness.Core.Whiskers;

/// <summary>
/// An episode seen through whiskers: the tool path at every step (<see cref="ToolPath"/>[k] is
/// the tool position after k steps, so it has Steps + 1 points), every query with its predicted
/// and executed tool path, the key moments, notes (e.g. why samples are absent), and the joints
/// (key, unit, limits) the chunks' actions are expressed in.
/// </summary>
public sealed record WhiskerTrace(
    string Scene,
    string Policy,
    int Episode,
    int Seed,
    string ToolSite,
    double ControlHz,
    string Outcome,
    IReadOnlyList<Point3> ToolPath,
    IReadOnlyList<WhiskerQuery> Queries,
    IReadOnlyList<WhiskerMoment> Moments,
    IReadOnlyList<string> Notes,
    IReadOnlyList<JointSpec>? Joints = null)
{
    /// <summary>The robot's joints, in action order (empty when not recorded).</summary>
    public IReadOnlyList<JointSpec> JointSpecs => Joints ?? [];

    /// <summary>The per-episode whisker metrics of this trace.</summary>
    public WhiskerSummary Summary() => WhiskerSummary.Of(WhiskerMetrics.Evaluate(Queries), JointSpecs);

    public int Steps => ToolPath.Count - 1;

    /// <summary>The query in force at a step: the latest one predicted at or before it (null before the first).</summary>
    public int QueryAt(int step)
    {
        int found = -1;
        for (int i = 0; i < Queries.Count && Queries[i].Step <= step; i++) found = i;
        return found;
    }

    public WhiskerMoment? Moment(string name) => Moments.FirstOrDefault(m => m.Name == name);
}
