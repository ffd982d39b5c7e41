using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// Decides whether two runs can be compared episode by episode: the same task, the same scene
/// files (scene_identity.sha256), and on the episode indices both runs have, the same seeds (hence
/// the same initial states). A paired result lists every setting that differs between the runs.
/// </summary>
public static class RunPairing
{
    public sealed record Result(IReadOnlyList<(bool A, bool B)>? Pairs, string? Note, string? Reason, IReadOnlyList<SettingDifference> Differences)
    {
        public bool Paired => Pairs is not null;
    }

    public static Result Pair(RunDirectory a, RunDirectory b)
    {
        if (a.Summary.Schema.Name != b.Summary.Schema.Name)
            return Refused($"different tasks ('{a.Summary.Schema.Name}' vs '{b.Summary.Schema.Name}')");
        if (SceneMismatch(a.Summary, b.Summary) is { } scene) return Refused(scene);
        var byIndexB = b.Episodes.ToDictionary(e => e.Episode);
        var common = a.Episodes.Where(e => byIndexB.ContainsKey(e.Episode)).OrderBy(e => e.Episode).ToList();
        if (common.Count == 0)
            return Refused("no episode index in common");
        var mismatched = common.Where(e => e.Seed != byIndexB[e.Episode].Seed).ToList();
        if (mismatched.Count > 0)
        {
            var first = mismatched[0];
            return Refused(
                $"different seeds ({mismatched.Count} of {common.Count} common episodes differ; episode {first.Episode}: seed {first.Seed} vs {byIndexB[first.Episode].Seed}), so the initial states differ");
        }
        string? note = a.Episodes.Count == b.Episodes.Count && common.Count == a.Episodes.Count
            ? null
            : $"paired on the {common.Count} common episodes ({a.Episodes.Count} vs {b.Episodes.Count} episodes)";
        return new(common.Select(e => (e.Success, byIndexB[e.Episode].Success)).ToList(), note, null, RunDifferences.Between(a.Summary, b.Summary));
    }

    private static Result Refused(string reason) => new(null, null, reason, []);

    /// <summary>Why equal seeds would not mean equal initial states: the scene files differ, or cannot be shown to be equal.</summary>
    private static string? SceneMismatch(RunSummary a, RunSummary b)
    {
        var (ia, ib) = (a.SceneIdentity, b.SceneIdentity);
        if (ia is null || ib is null)
        {
            string which = ia is null && ib is null ? "either run" : ia is null ? "run A" : "run B";
            return $"the scene's identity (scene_identity.sha256) is not recorded for {which} (a run.json written before format 2), " +
                   "so the two scenes cannot be shown to be the same; evaluate it again with this harness to compare";
        }
        if (!string.Equals(ia.Sha256, ib.Sha256, StringComparison.OrdinalIgnoreCase))
            return $"different scene files (scene_identity.sha256 {Short(ia.Sha256)}… vs {Short(ib.Sha256)}…" +
                   (ia.Version != ib.Version ? $", version {ia.Version ?? "none"} vs {ib.Version ?? "none"}" : "") +
                   "): the same seeds do not give the same initial states in a changed scene; evaluate both runs on the same scene files";
        return null;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
