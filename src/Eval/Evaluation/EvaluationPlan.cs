using Harness.Core.Episodes;

namespace Harness.Eval.Evaluation;

/// <summary>What to run: N episodes from a run seed on W workers, with optional chunk execution overrides.</summary>
/// <param name="UnreachableLimit">After this many consecutive episodes in which the policy could not
/// be reached at all, the run stops early (complete: false) instead of failing every remaining episode.</param>
/// <param name="Only">The episode indices to run, ascending (a shard, or what a resumed run still lacks);
/// null runs 0..Episodes-1. Episode i keeps its seed whichever subset it is run in.</param>
public sealed record EvaluationPlan(int Episodes, int Seed, int Workers = 1, ChunkExecution? Execution = null, int? MaxSteps = null,
    string? Prompt = null, int UnreachableLimit = 3, IReadOnlyList<int>? Only = null)
{
    /// <summary>The episode indices this plan runs, in the order their rows are written.</summary>
    public IReadOnlyList<int> Indices => Only ?? Enumerable.Range(0, Episodes).ToArray();

    public void Validate()
    {
        if (Episodes <= 0)
            throw new ArgumentException($"--episodes must be at least 1; got {Episodes}.");
        if (Workers <= 0)
            throw new ArgumentException($"--workers must be at least 1; got {Workers}.");
        if (MaxSteps is <= 0)
            throw new ArgumentException($"--max-steps must be at least 1; got {MaxSteps}.");
        if (UnreachableLimit <= 0)
            throw new ArgumentException($"the unreachable-policy limit must be at least 1; got {UnreachableLimit}.");
        if (Only is { } only)
        {
            for (int k = 0; k < only.Count; k++)
                if (only[k] < 0 || only[k] >= Episodes || (k > 0 && only[k] <= only[k - 1]))
                    throw new ArgumentException($"episode indices to run must be ascending and within 0..{Episodes - 1}; found {only[k]} at position {k}.");
        }
        Execution?.Validate();
    }
}
