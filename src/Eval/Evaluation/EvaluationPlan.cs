using Harness.Core.Episodes;

namespace Harness.Eval.Evaluation;

/// <summary>What to run: N episodes from a run seed on W workers, with optional chunk execution overrides.</summary>
/// <param name="UnreachableLimit">After this many consecutive episodes in which the policy could not
/// be reached at all, the run stops early (complete: false) instead of failing every remaining episode.</param>
public sealed record EvaluationPlan(int Episodes, int Seed, int Workers = 1, ChunkExecution? Execution = null, int? MaxSteps = null,
    string? Prompt = null, int UnreachableLimit = 3)
{
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
        Execution?.Validate();
    }
}
