namespace Harness.Core.Robots;

/// <summary>
/// The result of one control step: the new observation, the action actually applied after
/// safety clamping, and whether the task monitor considers the episode finished.
/// </summary>
public sealed record StepResult(Observation Observation, double[] AppliedAction, bool TaskDone);
