using Harness.Core.Policies;
using Harness.Eval.Robustness;
using Harness.Eval.Runs;

namespace Harness.Eval.SimReal;

/// <summary>
/// Pairs simulated and real runs of the same checkpoint (run.json <c>checkpoint</c>: equal sha256
/// of the weights where recorded, else equal kind and location), on the same scene files and task,
/// and within each pair the episodes that started from the same seed. Anything that would make the
/// comparison meaningless is refused with what was expected, what was found and what to do.
/// </summary>
public static class SimRealPairing
{
    /// <summary>The episodes.csv column where the real robot's simulated twin records its mean prediction error.</summary>
    public const string TwinErrorMeanColumn = "twin_tracking_error_mean_m";
    public const string TwinErrorMaxColumn = "twin_tracking_error_max_m";

    public static IReadOnlyList<CheckpointRuns> Pair(string variant, IReadOnlyList<RunDirectory> sim, IReadOnlyList<RunDirectory> real, ICollection<string> warnings)
    {
        var simByKey = Index(sim, $"simulation variant '{variant}'");
        var realByKey = Index(real, "the real runs");
        var result = new List<CheckpointRuns>();
        foreach (var (key, r) in realByKey)
        {
            if (!simByKey.TryGetValue(key, out var s))
                throw new SimRealException(
                    $"simulation variant '{variant}' has no run of checkpoint '{Label(r)}' ({Describe(r.Summary.Checkpoint!)}), which the real run {r.Path} evaluated; " +
                    $"its simulated checkpoints are: {string.Join(", ", simByKey.Values.Select(Label))}. " +
                    "Evaluate that checkpoint in simulation with the real run's --seed into the variant's folder, or leave its real run out.");
            result.Add(PairRuns(variant, Label(r), s, r, warnings));
        }
        foreach (var (key, s) in simByKey)
            if (!realByKey.ContainsKey(key))
                warnings.Add($"variant '{variant}': checkpoint '{Label(s)}' ({s.Path}) has no real run; left out of the comparison.");
        if (result.Count < 2)
            throw new SimRealException(
                $"simulation variant '{variant}' pairs {result.Count} checkpoint(s) with real runs; ranking needs at least 2 " +
                $"(real checkpoints found: {(realByKey.Count == 0 ? "none" : string.Join(", ", realByKey.Values.Select(Label)))}). " +
                "Evaluate at least two checkpoints both in simulation and on the robot.");
        return result;
    }

    /// <summary>A checkpoint's short name: a package's folder name, else the policy spec made readable (replay:/tmp/ds_a -> ds_a).</summary>
    public static string Label(RunDirectory run)
    {
        var c = run.Summary.Checkpoint!;
        return c.Kind == CheckpointIdentity.Package ? Path.GetFileName(c.Location.TrimEnd('/', '\\')) : CheckpointLabels.Label(c.Location);
    }

    private static Dictionary<string, RunDirectory> Index(IReadOnlyList<RunDirectory> runs, string side)
    {
        var byKey = new Dictionary<string, RunDirectory>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.Summary.Checkpoint is null)
                throw new SimRealException(
                    $"{run.Path}: run.json records no checkpoint identity (a run written before format 2), so it cannot be matched with its " +
                    "sim or real counterpart; evaluate it again with this harness.");
            string key = Key(run.Summary.Checkpoint);
            if (byKey.TryGetValue(key, out var other))
                throw new SimRealException(
                    $"{side} hold two runs of checkpoint '{Label(run)}': {other.Path} and {run.Path}; expected one run per checkpoint on each side. " +
                    "Give one of them (or, for different simulation settings, put them in separate variants: --sim LABEL=PATH).");
            byKey[key] = run;
        }
        return byKey;
    }

    // The weights decide: two folders with the same files are the same checkpoint.
    private static string Key(CheckpointIdentity c) =>
        c.Sha256 is { Length: > 0 } sha ? "sha256:" + sha.ToLowerInvariant() : c.Kind + ":" + c.Location;

    private static string Describe(CheckpointIdentity c) =>
        c.Sha256 is { Length: > 12 } sha ? $"{c.Kind} {c.Location}, sha256 {sha[..12]}…" : $"{c.Kind} {c.Location}";

    private static CheckpointRuns PairRuns(string variant, string checkpoint, RunDirectory sim, RunDirectory real, ICollection<string> warnings)
    {
        var (ss, rs) = (sim.Summary, real.Summary);
        if (ss.Schema.Name != rs.Schema.Name)
            throw new SimRealException(
                $"checkpoint '{checkpoint}': the simulated run ({sim.Path}) is task '{ss.Schema.Name}' but the real run ({real.Path}) is task '{rs.Schema.Name}'; " +
                "expected the same task on both sides. Compare runs of one task.");
        if (ss.SceneIdentity is null || rs.SceneIdentity is null)
            throw new SimRealException(
                $"checkpoint '{checkpoint}': {(ss.SceneIdentity is null ? sim.Path : real.Path)} records no scene identity (scene_identity.sha256), " +
                "so its episodes cannot be shown to start from the same layouts as the other side's; evaluate it again with this harness.");
        if (!string.Equals(ss.SceneIdentity.Sha256, rs.SceneIdentity.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new SimRealException(
                $"checkpoint '{checkpoint}': different scenes: the simulated run ({sim.Path}) used scene '{ss.SceneIdentity.Name}' {ss.SceneIdentity.Version} " +
                $"(sha256 {Short(ss.SceneIdentity.Sha256)}…), the real run ({real.Path}) scene '{rs.SceneIdentity.Name}' {rs.SceneIdentity.Version} " +
                $"(sha256 {Short(rs.SceneIdentity.Sha256)}…); expected the same scene files, so that seed i lays out the same episode on both sides. " +
                "Evaluate both with the same scene package (the real robot's twin scene is the one given to `real so101 eval --scene`).");
        var simBySeed = new Dictionary<int, EpisodeRow>();
        foreach (var e in sim.Episodes) simBySeed.TryAdd(e.Seed, e);
        var pairs = real.Episodes.OrderBy(e => e.Episode).Where(e => simBySeed.ContainsKey(e.Seed)).Select(e =>
        {
            var s = simBySeed[e.Seed];
            return new EpisodePair(e.Seed, s.Episode, e.Episode, s.Outcome, e.Outcome, e.Extra.GetValueOrDefault(TwinErrorMeanColumn));
        }).ToList();
        if (pairs.Count == 0)
            throw new SimRealException(
                $"checkpoint '{checkpoint}': no real episode of {real.Path} (run seed {rs.Seed}, {real.Episodes.Count} episodes) started from a seed of " +
                $"{sim.Path} (run seed {ss.Seed}, {sim.Episodes.Count} episodes); expected episodes from the same seed layout. " +
                $"Evaluate both with the same --seed (and start sim-bus with it).");
        if (pairs.Count < real.Episodes.Count)
            warnings.Add($"variant '{variant}', checkpoint '{checkpoint}': {real.Episodes.Count - pairs.Count} of {real.Episodes.Count} real episodes have no simulated episode of the same seed; only the {pairs.Count} paired ones enter the class confusion.");
        foreach (var (run, side) in new[] { (sim, "simulated"), (real, "real") })
            if (!run.Summary.Complete)
                warnings.Add($"checkpoint '{checkpoint}': the {side} run {run.Path} is incomplete ({run.Episodes.Count} of {run.Summary.EpisodesRequested} episodes).");
        return new CheckpointRuns(checkpoint, sim, real, pairs, RunSettings.Differences(ss.Settings, rs.Settings));
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
