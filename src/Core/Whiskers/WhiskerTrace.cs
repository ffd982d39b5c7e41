using Harness.Core.Robots;

namespace Harness.Core.Whiskers;

/// <summary>
/// An episode seen through whiskers: one path per tool (<see cref="ToolSites"/>: one per gripper, a
/// bimanual robot has two) at every step (<see cref="ToolPaths"/>[t][k] is tool t's position after k
/// steps, so each has Steps + 1 points), every query with its predicted and executed tool paths, the
/// key moments, notes (e.g. why samples are absent), and the joints (key, unit, limits) the chunks'
/// actions are expressed in. <see cref="ToolSite"/> and <see cref="ToolPath"/> are the first tool's.
/// </summary>
public sealed record WhiskerTrace(
    string Scene,
    string Policy,
    int Episode,
    int Seed,
    IReadOnlyList<string> ToolSites,
    double ControlHz,
    string Outcome,
    IReadOnlyList<IReadOnlyList<Point3>> ToolPaths,
    IReadOnlyList<WhiskerQuery> Queries,
    IReadOnlyList<WhiskerMoment> Moments,
    IReadOnlyList<string> Notes,
    IReadOnlyList<JointSpec>? Joints = null)
{
    /// <summary>A trace of a single tool.</summary>
    public WhiskerTrace(string Scene, string Policy, int Episode, int Seed, string ToolSite, double ControlHz, string Outcome,
        IReadOnlyList<Point3> ToolPath, IReadOnlyList<WhiskerQuery> Queries, IReadOnlyList<WhiskerMoment> Moments,
        IReadOnlyList<string> Notes, IReadOnlyList<JointSpec>? Joints = null)
        : this(Scene, Policy, Episode, Seed, [ToolSite], ControlHz, Outcome, [ToolPath], Queries, Moments, Notes, Joints) { }

    public string ToolSite => ToolSites[0];

    public IReadOnlyList<Point3> ToolPath => ToolPaths[0];

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
