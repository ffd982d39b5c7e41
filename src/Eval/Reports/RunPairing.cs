using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// Decides whether two runs of one scene can be compared episode by episode: same task, and on the
/// episode indices both runs have, the same seeds (hence the same initial states).
/// </summary>
public static class RunPairing
{
    public sealed record Result(IReadOnlyList<(bool A, bool B)>? Pairs, string? Note, string? Reason)
    {
        public bool Paired => Pairs is not null;
    }

    public static Result Pair(RunDirectory a, RunDirectory b)
    {
        if (a.Summary.Task != b.Summary.Task)
            return new(null, null, $"different tasks ('{a.Summary.Task}' vs '{b.Summary.Task}')");
        var byIndexB = b.Episodes.ToDictionary(e => e.Episode);
        var common = a.Episodes.Where(e => byIndexB.ContainsKey(e.Episode)).OrderBy(e => e.Episode).ToList();
        if (common.Count == 0)
            return new(null, null, "no episode index in common");
        var mismatched = common.Where(e => e.Seed != byIndexB[e.Episode].Seed).ToList();
        if (mismatched.Count > 0)
        {
            var first = mismatched[0];
            return new(null, null,
                $"different seeds ({mismatched.Count} of {common.Count} common episodes differ; episode {first.Episode}: seed {first.Seed} vs {byIndexB[first.Episode].Seed}), so the initial states differ");
        }
        string? note = a.Episodes.Count == b.Episodes.Count && common.Count == a.Episodes.Count
            ? null
            : $"paired on the {common.Count} common episodes ({a.Episodes.Count} vs {b.Episodes.Count} episodes)";
        return new(common.Select(e => (e.Success, byIndexB[e.Episode].Success)).ToList(), note, null);
    }
}
