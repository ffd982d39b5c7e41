namespace Harness.Core.Tasks;

/// <summary>
/// The class of a finished episode (a label of the task's <see cref="TaskSchema"/>), the task's
/// per-episode metrics and a detail sentence that states the event behind the label. Metrics a
/// task did not measure in this episode are absent, never zero.
/// </summary>
public sealed record TaskOutcome(string Label, IReadOnlyDictionary<string, double> Metrics, string? Detail = null)
{
    public bool Success => Label == OutcomeClass.SuccessLabel;

    public bool IsError => Label == OutcomeClass.ErrorLabel;

    public double? Metric(string key) => Metrics.TryGetValue(key, out var v) ? v : null;

    public static TaskOutcome Error(string message, IReadOnlyDictionary<string, double>? metrics = null) =>
        new(OutcomeClass.ErrorLabel, metrics ?? new Dictionary<string, double>(), message);
}
