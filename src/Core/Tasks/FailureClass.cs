namespace Harness.Core.Tasks;

/// <summary>
/// The outcome taxonomy. Sim monitors compute it from privileged state; on hardware the operator
/// labels it. <see cref="Error"/> is for faults in the harness or the policy, not task failures.
/// </summary>
public enum FailureClass
{
    Success,
    NeverPickedUp,
    DroppedDuringTransport,
    MissedGoal,
    Timeout,
    Error,
}

public static class FailureClassNames
{
    /// <summary>The upper snake case name used in files and tables, e.g. NEVER_PICKED_UP.</summary>
    public static string ToLabel(this FailureClass c) => c switch
    {
        FailureClass.Success => "SUCCESS",
        FailureClass.NeverPickedUp => "NEVER_PICKED_UP",
        FailureClass.DroppedDuringTransport => "DROPPED_DURING_TRANSPORT",
        FailureClass.MissedGoal => "MISSED_GOAL",
        FailureClass.Timeout => "TIMEOUT",
        FailureClass.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static IReadOnlyList<FailureClass> All { get; } = Enum.GetValues<FailureClass>();

    public static FailureClass Parse(string label) =>
        All.FirstOrDefault(c => c.ToLabel() == label.Trim().ToUpperInvariant(), (FailureClass)(-1)) is var c && (int)c >= 0
            ? c
            : throw new FormatException(
                $"unknown outcome '{label}'; expected one of {string.Join(", ", All.Select(x => x.ToLabel()))}.");
}
