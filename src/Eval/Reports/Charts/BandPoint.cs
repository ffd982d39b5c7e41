namespace Harness.Eval.Reports.Charts;

/// <summary>A point of a line with its uncertainty band [Lo, Hi]; Tooltip shows on hover.</summary>
public sealed record BandPoint(double X, double Y, double Lo, double Hi, string? Tooltip = null);

public sealed record LineSeries(string Name, string Color, IReadOnlyList<BandPoint> Points);
