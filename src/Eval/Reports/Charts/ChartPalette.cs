namespace Harness.Eval.Reports.Charts;

/// <summary>Colour-blind-friendly categorical colours (Tableau 10) with fixed colours for outcome classes.</summary>
public static class ChartPalette
{
    public static IReadOnlyList<string> Categorical { get; } =
        ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Series(int i) => Categorical[i % Categorical.Count];

    /// <summary>Outcome colours stay the same in every chart so a class is recognisable at a glance.</summary>
    public static string Outcome(string outcome, int fallbackIndex) => outcome switch
    {
        "SUCCESS" => "#59a14f",
        "NEVER_PICKED_UP" => "#4e79a7",
        "DROPPED_DURING_TRANSPORT" => "#f28e2b",
        "MISSED_GOAL" => "#edc948",
        "TIMEOUT" => "#b07aa1",
        "ERROR" => "#e15759",
        _ => Categorical[(6 + fallbackIndex) % Categorical.Count],
    };

    public const string Axis = "#555555";
    public const string Grid = "#e6e6e6";
    public const string Text = "#222222";
    public const string Muted = "#666666";
}
