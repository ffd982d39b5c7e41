using System.Text.Json.Serialization;

namespace Harness.Core.Tasks;

/// <summary>
/// One outcome class of a task's taxonomy: its label as written in files (upper snake case, e.g.
/// NEVER_PICKED_UP), a one-line definition, and its precedence (classes are checked in ascending
/// precedence; the first that matches labels the episode). A key for operators labelling outcomes
/// on hardware comes with it.
/// </summary>
public sealed record OutcomeClass(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("definition")] string Definition,
    [property: JsonPropertyName("precedence")] int Precedence,
    [property: JsonPropertyName("key")] char? OperatorKey = null)
{
    public const string SuccessLabel = "SUCCESS";
    public const string ErrorLabel = "ERROR";

    /// <summary>Universal: the task was accomplished.</summary>
    public static OutcomeClass Success(string definition, char key = 's') => new(SuccessLabel, definition, 0, key);

    /// <summary>Universal: a fault in the harness or the policy, not a task failure. Checked before anything else.</summary>
    public static OutcomeClass Error { get; } = new(ErrorLabel,
        "an exception in the policy, the robot or the harness ended the episode (the message is kept)", -1, null);

    public static bool IsValidLabel(string label) =>
        label.Length > 0 && label.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') && char.IsAsciiLetterUpper(label[0]);
}
