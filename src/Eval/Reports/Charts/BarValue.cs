namespace Harness.Eval.Reports.Charts;

/// <summary>One bar with an optional error bar [Lo, Hi] and a label printed above it.</summary>
public sealed record BarValue(string Category, double Value, string Color, double? Lo = null, double? Hi = null,
    string? Label = null, string? Tooltip = null, bool Hatched = false);
