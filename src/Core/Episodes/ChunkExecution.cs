using Harness.Core.Policies;

namespace Harness.Core.Episodes;

/// <summary>
/// How the runner executes chunks: <see cref="ActionsPerQuery"/> actions of each chunk before
/// re-querying (null = whole chunk), or ACT-style temporal ensembling (a query every step, the
/// overlapping predictions for the current step averaged with weights exp(-coeff * age_rank)).
/// </summary>
public sealed record ChunkExecution(int? ActionsPerQuery = null, double? TemporalEnsembleCoeff = null)
{
    public static ChunkExecution From(ExecutionHint hint, ChunkExecution? overrides = null) => new(
        overrides?.ActionsPerQuery ?? hint.ActionsPerQuery,
        overrides?.TemporalEnsembleCoeff ?? hint.TemporalEnsembleCoeff);

    public void Validate()
    {
        if (ActionsPerQuery is <= 0)
            throw new ArgumentException($"actions per query must be >= 1; got {ActionsPerQuery}.");
        if (TemporalEnsembleCoeff is < 0 or double.NaN)
            throw new ArgumentException($"temporal ensembling coefficient must be >= 0; got {TemporalEnsembleCoeff}.");
    }
}
