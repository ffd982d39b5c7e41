namespace Harness.Core.Whiskers;

/// <summary>
/// A moment of an episode worth a still: <see cref="Step"/> is the number of control steps
/// executed at that moment (0 = the initial state).
/// </summary>
public sealed record WhiskerMoment(string Name, int Step, string Description)
{
    public const string FirstQuery = "first_query", Grasp = "grasp", Release = "release", End = "end";
}
