namespace Harness.Eval.Reports.Charts;

public sealed record LegendEntry(string Name, string Color);
