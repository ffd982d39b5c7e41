using Harness.Eval.Runs;
using Harness.Eval.Sweeps.Stopping;

namespace Harness.Eval.Sweeps;

/// <summary>One checkpoint's run directory at the end of a sweep (null summary when it failed).</summary>
public sealed record SweepRun(SweepCheckpoint Checkpoint, string Dir, RunSummary? Summary, string? Error);

/// <summary>What a sweep did: one entry per checkpoint it ran, and (adaptive) why it stopped.</summary>
public sealed record SweepOutcome(string Dir, SweepManifest Manifest, IReadOnlyList<SweepRun> Runs, StopDecision? Stop)
{
    public IReadOnlyList<SweepRun> Failed => Runs.Where(r => r.Error is not null).ToList();
    public bool Complete => Failed.Count == 0;
}

/// <summary>
/// Runs a sweep into its folder: every checkpoint on the same seeds, one run directory per
/// checkpoint (named in sweep.json), continuing whatever an earlier, interrupted run of the same
/// sweep left (sweep.json must agree; finished episodes are never run again). With a shard, only
/// the shard's (checkpoint, episode) pairs; with adaptive stopping, rounds until the rule stops. A
/// checkpoint that fails (its server does not start, its package is refused) is reported and the
/// others go on; cancellation stops at once, keeping every finished episode.
/// </summary>
public sealed class SweepRunner(ICheckpointRunner runner, ISweepProgress? progress = null)
{
    private readonly ISweepProgress _progress = progress ?? new NoProgress();

    public SweepOutcome Run(SweepManifest manifest, string dir, CancellationToken cancel = default)
    {
        manifest = Prepare(manifest, dir);
        var outcome = manifest.Adaptive is null ? RunFixed(manifest, dir, cancel) : RunAdaptive(manifest, dir, cancel);
        (manifest with
        {
            Result = new SweepResult(outcome.Complete, DateTimeOffset.UtcNow, outcome.Failed.Select(f => f.Checkpoint.Name).ToList(), outcome.Stop),
        }).Write(dir);
        return outcome with { Manifest = SweepManifest.Read(dir) };
    }

    /// <summary>Writes sweep.json, or checks that the one already there describes the same sweep.</summary>
    public static SweepManifest Prepare(SweepManifest manifest, string dir)
    {
        if (File.Exists(dir)) throw new IOException($"--out '{dir}' is a file; give a folder for the sweep.");
        var existing = SweepManifest.TryRead(dir);
        if (existing is null)
        {
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
                throw new IOException($"--out '{dir}' is not empty and holds no {SweepManifest.FileName}; a sweep writes into a new folder (or continues its own). Choose another --out.");
            manifest.Write(dir);
            return manifest;
        }
        var diffs = existing.Differences(manifest);
        if (diffs.Count > 0)
            throw new InvalidDataException(
                $"'{dir}' holds another sweep ({string.Join("; ", diffs)}; on disk vs this command). " +
                "Run the same command to continue that sweep, or choose a new --out.");
        return existing with { Result = null };
    }

    public static string RunDir(string sweepDir, SweepCheckpoint c) => Path.Combine(sweepDir, c.Name);

    private SweepOutcome RunFixed(SweepManifest m, string dir, CancellationToken cancel)
    {
        var assignment = (m.ShardSpec ?? new ShardSpec(0, 1)).Assign(m.Checkpoints.Count, m.Episodes);
        var runs = new List<SweepRun>();
        var planned = m.Checkpoints.Select((c, i) => (c, assignment[i])).Where(x => x.Item2.Count > 0).ToList();
        foreach (var (c, only) in planned) _progress.Target(c, only.Count);
        foreach (var (c, only) in planned)
        {
            cancel.ThrowIfCancellationRequested();
            runs.Add(RunOne(c, dir, m.Episodes, m.ShardSpec is null ? null : only, cancel));
        }
        return new SweepOutcome(dir, m, runs, null);
    }

    private SweepOutcome RunAdaptive(SweepManifest m, string dir, CancellationToken cancel)
    {
        var rule = new SeparationRule(m.Adaptive!, m.Checkpoints.Count, m.Episodes);
        var active = m.Checkpoints.ToList();
        var separated = new List<SeparatedCheckpoint>();
        var last = new Dictionary<string, SweepRun>();
        _progress.Note(rule.Correction);
        for (int look = 1; ; look++)
        {
            int n = rule.EpisodesAt(look);
            foreach (var c in active) _progress.Target(c, n);
            var records = new List<ContenderRecord>();
            foreach (var c in active)
            {
                cancel.ThrowIfCancellationRequested();
                // A continued sweep replays earlier looks from the rows on disk (the rule is deterministic).
                var rows = RowsOnDisk(RunDir(dir, c)).Where(e => e.Episode < n).ToList();
                if (rows.Count < n)
                {
                    var run = RunOne(c, dir, n, null, cancel);
                    if (run.Error is not null)
                        throw new InvalidOperationException(
                            $"checkpoint {c.Name} failed in round {look} ({run.Error}); adaptive stopping compares every contender on the same episodes, so the sweep stops here. " +
                            "Fix the problem and run the same command again: finished episodes are kept.");
                    rows = RowsOnDisk(run.Dir).Where(e => e.Episode < n).ToList();
                }
                last[c.Name] = new SweepRun(c, RunDir(dir, c), null, null);
                records.Add(new ContenderRecord(c.Name, rows.OrderBy(r => r.Episode).Select(r => r.Success).ToList()));
            }
            var result = rule.Look(look, records, separated);
            separated.AddRange(result.Separated);
            foreach (var s in result.Separated) _progress.Note($"look {look} ({n} episodes): {s.Name} is worse than {s.WorseThan} (p = {s.PValue:0.###e0}); it drops out.");
            active.RemoveAll(c => result.Separated.Any(s => s.Name == c.Name));
            if (result.Stop is { } stop)
            {
                Annotate(dir, m, stop, separated);
                return new SweepOutcome(dir, m, m.Checkpoints.Select(c => last[c.Name] with { Summary = RunDirectoryReader.ReadSummary(last[c.Name].Dir) }).ToList(), stop);
            }
        }
    }

    /// <summary>Records in each run.json how the adaptive sweep ended and where that checkpoint stood.</summary>
    private static void Annotate(string dir, SweepManifest m, StopDecision stop, IReadOnlyList<SeparatedCheckpoint> separated)
    {
        foreach (var c in m.Checkpoints)
        {
            var runDir = RunDir(dir, c);
            var s = RunDirectoryReader.ReadSummary(runDir);
            var sep = separated.FirstOrDefault(x => x.Name == c.Name);
            string status = c.Name == stop.Best ? "best"
                : sep is not null ? $"separated: worse than {sep.WorseThan} after {sep.Episodes} episodes (p = {sep.PValue:0.###e0})"
                : "contender: not separated from the best";
            var extra = new Dictionary<string, object>(s.Extra ?? []) { ["sweep_stop"] = stop.Text, ["sweep_status"] = status };
            RunDirectoryWriter.WriteSummaryFile(runDir, s with { Extra = extra });
        }
    }

    private SweepRun RunOne(SweepCheckpoint c, string dir, int episodes, IReadOnlyList<int>? only, CancellationToken cancel)
    {
        var runDir = RunDir(dir, c);
        var wanted = only ?? Enumerable.Range(0, episodes).ToArray();
        if (Finished(runDir, wanted) is { } done)
        {
            _progress.Started(c, done);
            _progress.Finished(c, done);
            return new SweepRun(c, runDir, done, null);
        }
        try
        {
            var summary = runner.Run(new CheckpointRun(c, runDir, episodes, only, e => _progress.Episode(c, e), s => _progress.Started(c, s)), cancel);
            _progress.Finished(c, summary);
            return new SweepRun(c, runDir, summary, summary.Complete ? null : summary.Stopped ?? "the run ended incomplete");
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var root = e is Evaluation.EvaluationAbortedException && e.InnerException is not null ? e.InnerException : e;
            _progress.Failed(c, root);
            return new SweepRun(c, runDir, null, root.Message);
        }
    }

    private static IReadOnlyList<EpisodeRow> RowsOnDisk(string runDir)
    {
        var csv = Path.Combine(runDir, RunDirectory.EpisodesFile);
        if (!File.Exists(csv) || !File.Exists(Path.Combine(runDir, RunDirectory.SummaryFile))) return [];
        return EpisodesCsvReader.ReadComplete(csv, RunDirectoryReader.ReadSummary(runDir).Schema);
    }

    /// <summary>The run on disk when it already holds exactly the wanted episodes and says complete (nothing to start, no server).</summary>
    private static RunSummary? Finished(string runDir, IReadOnlyList<int> wanted)
    {
        if (!File.Exists(Path.Combine(runDir, RunDirectory.SummaryFile))) return null;
        try
        {
            var s = RunDirectoryReader.ReadSummary(runDir);
            if (!s.Complete || s.Episodes != wanted.Count) return null;
            var csv = Path.Combine(runDir, RunDirectory.EpisodesFile);
            if (!File.Exists(csv)) return null;
            var rows = EpisodesCsvReader.Read(csv, s.Schema).Select(r => r.Episode).ToArray();
            return rows.SequenceEqual(wanted) ? s : null;
        }
        catch (RunDirectoryException) { return null; }
    }

    private sealed class NoProgress : ISweepProgress;
}
