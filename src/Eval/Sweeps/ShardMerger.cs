using Harness.Eval.Runs;

namespace Harness.Eval.Sweeps;

/// <summary>
/// <c>harness merge SHARD_DIR... --out DIR</c>: combines the outputs of <c>harness sweep --shard i/n</c>
/// into exactly the run directories the unsharded sweep writes (rows in episode order, run.json
/// aggregated from them). Refuses shards of different sweeps (scene package, seed, episodes,
/// checkpoints and their hashes, settings), a missing, repeated or unfinished shard, and run
/// directories whose run.json disagree, naming what differs.
/// </summary>
public static class ShardMerger
{
    public static SweepOutcome Merge(IReadOnlyList<string> shardDirs, string outDir)
    {
        if (shardDirs.Count == 0) throw new ArgumentException("merge needs at least one shard folder (the --out of `harness sweep --shard i/n`).");
        var shards = shardDirs.Select(d => (Dir: d, Manifest: SweepManifest.Read(d))).ToList();
        foreach (var (d, m) in shards)
            if (m.ShardSpec is null)
                throw new InvalidDataException($"'{d}' holds a whole sweep, not a shard (its sweep.json has no shard); merge combines the outputs of `harness sweep ... --shard i/n`.");
        var (firstDir, first) = shards[0];
        foreach (var (d, m) in shards.Skip(1))
        {
            var diffs = first.Differences(m, ignoreShard: true);
            if (m.ShardSpec!.Count != first.ShardSpec!.Count) diffs = [.. diffs, $"shard count: {first.ShardSpec.Count} vs {m.ShardSpec.Count}"];
            if (diffs.Count > 0)
                throw new InvalidDataException($"'{firstDir}' and '{d}' are shards of different sweeps ({string.Join("; ", diffs)}); merge only the shards of one sweep command.");
        }
        int n = first.ShardSpec!.Count;
        var repeated = shards.GroupBy(s => s.Manifest.ShardSpec!.Index).Where(g => g.Count() > 1).ToList();
        if (repeated.Count > 0)
            throw new InvalidDataException($"shard {repeated[0].Key}/{n} is given twice ({string.Join(", ", repeated[0].Select(s => $"'{s.Dir}'"))}); give each shard once.");
        var missing = Enumerable.Range(0, n).Where(i => shards.All(s => s.Manifest.ShardSpec!.Index != i)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"shard(s) {string.Join(", ", missing.Select(i => $"{i}/{n}"))} missing: the merged sweep would lack their episodes. " +
                $"Run them (`harness sweep ... --shard {missing[0]}/{n} --out DIR`) and merge all {n}.");

        // Every checkpoint's rows from the shards that ran it, checked against the shard's assignment.
        var perCheckpoint = first.Checkpoints.Select(_ => new List<(string Dir, RunSummary Summary, IReadOnlyList<EpisodeRow> Rows, string[] Columns)>()).ToList();
        foreach (var (dir, m) in shards.OrderBy(s => s.Manifest.ShardSpec!.Index))
        {
            var assignment = m.ShardSpec!.Assign(m.Checkpoints.Count, m.Episodes);
            for (int c = 0; c < m.Checkpoints.Count; c++)
            {
                if (assignment[c].Count == 0) continue;
                var runDir = SweepRunner.RunDir(dir, m.Checkpoints[c]);
                var unfinished = $"shard {m.Shard} in '{dir}' is unfinished: checkpoint {m.Checkpoints[c].Name}";
                var again = "; run that shard's command again (it continues where it stopped), then merge.";
                if (!File.Exists(Path.Combine(runDir, RunDirectory.SummaryFile))) throw new InvalidDataException($"{unfinished} has no run yet{again}");
                var run = RunDirectoryReader.Read(runDir);
                var got = run.Episodes.Select(e => e.Episode).ToArray();
                if (!run.Summary.Complete || !got.SequenceEqual(assignment[c]))
                    throw new InvalidDataException($"{unfinished} holds {got.Length} of its {assignment[c].Count} episodes{(run.Summary.Complete ? "" : " (run.json says complete: false)")}{again}");
                perCheckpoint[c].Add((runDir, run.Summary, run.Episodes, EpisodesCsvRecovery.Header(Path.Combine(runDir, RunDirectory.EpisodesFile)) ?? []));
            }
        }

        var merged = first with { Shard = null, Result = null };
        PrepareOutput(merged, outDir);
        var runs = new List<SweepRun>();
        for (int c = 0; c < first.Checkpoints.Count; c++)
        {
            var parts = perCheckpoint[c];
            var checkpoint = first.Checkpoints[c];
            foreach (var p in parts.Skip(1))
            {
                var diffs = RunCompatibility.Differences(parts[0].Summary, p.Summary);
                if (!p.Columns.SequenceEqual(parts[0].Columns)) diffs = [.. diffs, $"episodes.csv columns: {string.Join(",", parts[0].Columns)} vs {string.Join(",", p.Columns)}"];
                if (diffs.Count > 0)
                    throw new InvalidDataException($"runs of checkpoint {checkpoint.Name} disagree between '{parts[0].Dir}' and '{p.Dir}' ({string.Join("; ", diffs)}); they are not one sweep.");
            }
            runs.Add(new SweepRun(checkpoint, SweepRunner.RunDir(outDir, checkpoint), WriteRun(SweepRunner.RunDir(outDir, checkpoint), first.Episodes, parts), null));
        }
        var done = merged with { Result = new SweepResult(true, DateTimeOffset.UtcNow, []) };
        done.Write(outDir);
        return new SweepOutcome(outDir, done, runs, null);
    }

    private static void PrepareOutput(SweepManifest merged, string outDir)
    {
        var existing = SweepManifest.TryRead(outDir);
        if (existing is not null && existing.Differences(merged).Count == 0 && existing.Result is { Complete: true })
        {
            // The same merge again: its run directories are derived data, rebuilt from the shards.
            foreach (var c in merged.Checkpoints)
                if (Directory.Exists(SweepRunner.RunDir(outDir, c))) Directory.Delete(SweepRunner.RunDir(outDir, c), recursive: true);
            return;
        }
        SweepRunner.Prepare(merged, outDir);
    }

    private static RunSummary WriteRun(string runDir, int episodes,
        IReadOnlyList<(string Dir, RunSummary Summary, IReadOnlyList<EpisodeRow> Rows, string[] Columns)> parts)
    {
        var s0 = parts[0].Summary;
        var schema = s0.Schema;
        var fixedColumns = new EpisodeCsv(schema).Columns;
        var extraColumns = parts[0].Columns.Where(c => !fixedColumns.Contains(c)).ToArray();
        var header = s0 with
        {
            EpisodesRequested = episodes,
            Workers = parts.Max(p => p.Summary.Workers),
            StartedAt = parts.Min(p => p.Summary.StartedAt),
            Extra = new Dictionary<string, object> { ["merged_from"] = parts.Select(p => Path.GetFullPath(p.Dir)).ToArray() },
        };
        using var writer = RunDirectoryWriter.Create(runDir, header, schema, extraColumns, overwrite: true);
        writer.AddRecorded(parts.SelectMany(p => p.Rows).OrderBy(r => r.Episode));
        var finished = parts.Max(p => p.Summary.FinishedAt ?? p.Summary.StartedAt);
        return writer.Complete(finished, parts.Sum(p => p.Summary.WallS));
    }
}
