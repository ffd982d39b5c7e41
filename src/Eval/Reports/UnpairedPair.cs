namespace Harness.Eval.Reports;

/// <summary>Two runs of the same scene that cannot be compared episode by episode, and why.</summary>
public sealed record UnpairedPair(string RunA, string RunB, string Reason);
