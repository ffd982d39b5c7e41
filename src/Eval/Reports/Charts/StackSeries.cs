namespace Harness.Eval.Reports.Charts;

/// <summary>One layer of a stacked chart: a value per category (or per bin), bottom to top in list order.</summary>
public sealed record StackSeries(string Name, string Color, IReadOnlyList<double> Values);
