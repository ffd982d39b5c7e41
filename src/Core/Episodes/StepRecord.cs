namespace Harness.Core.Episodes;

/// <summary>
/// One control step as it happened: the state before the action, the action the runner asked
/// for, the action actually applied after clamping, and which chunk (and row of it) was in force.
/// </summary>
public sealed record StepRecord(
    int Step,
    double[] State,
    double[] CommandedAction,
    double[] AppliedAction,
    int ChunkIndex,
    int ChunkRow);
