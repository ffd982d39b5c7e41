namespace Harness.Eval.Reports;

/// <summary>
/// Episode lengths (steps) of the scene's complete runs, pooled, in bins [Edges[i], Edges[i+1]),
/// with a count per outcome class so timeouts and quick failures stand apart.
/// </summary>
public sealed record EpisodeLengthHistogram(IReadOnlyList<double> Edges, IReadOnlyDictionary<string, IReadOnlyList<int>> CountsByOutcome, int Runs, int Episodes);
