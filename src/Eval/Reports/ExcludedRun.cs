namespace Harness.Eval.Reports;

/// <summary>A run shown in the tables but left out of every comparison, and why (e.g. incomplete).</summary>
public sealed record ExcludedRun(string Run, string Reason);
