using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Tasks;
using Harness.Eval.Runs;

namespace Harness.Eval.Evaluation;

/// <summary>Where a run goes and how an existing run there is treated.</summary>
/// <param name="Only">Episode indices this run directory holds (a shard); null: all of 0..Episodes-1.</param>
/// <param name="Resume">Continue a compatible run found in <paramref name="Dir"/> instead of refusing it.</param>
public sealed record RunTarget(string Dir, bool Resume = false, bool Overwrite = false, IReadOnlyList<int>? Only = null,
    IReadOnlyList<string>? ExtraColumns = null);

/// <summary>
/// One evaluation into one run directory, new or continued: opens the writer (refusing to continue
/// a run of another experiment, naming every difference), runs only the episodes not yet on disk,
/// and leaves nothing behind when the run fails before its first episode.
/// </summary>
public static class EvaluationSession
{
    /// <param name="started">Sees the run as it stands before new episodes (e.g. resumed rows) for progress displays.</param>
    public static RunSummary Run(RunTarget target, RunSummary header, TaskSchema schema, EvaluationPlan plan,
        Func<int, WorkerSetup> createWorker, Action<EpisodeRecord>? onEpisode = null, Action<RunSummary>? started = null,
        CancellationToken cancel = default, Action<PreflightReport>? onPreflight = null)
    {
        var wanted = target.Only ?? plan.Indices;
        header = header with { EpisodesRequested = wanted.Count, TaskSchema = schema };
        var writer = Open(target, header, schema);
        try
        {
            var done = writer.Written;
            var wantedSet = wanted.ToHashSet();
            var extra = done.Where(e => !wantedSet.Contains(e)).Order().Take(5).ToArray();
            if (extra.Length > 0)
                throw new RunDirectoryException(
                    $"'{target.Dir}' holds episode(s) {string.Join(", ", extra)}, which this command does not run (it runs {Describe(wanted)}); " +
                    "it belongs to another shard or a larger run. Choose another --out.");
            var remaining = wanted.Where(e => !done.Contains(e)).ToArray();
            started?.Invoke(writer.Current);
            if (remaining.Length == 0)
                return writer.Complete(DateTimeOffset.UtcNow, 0);
            var runner = new EvaluationRunner(createWorker);
            if (onEpisode is not null) runner.EpisodeFinished += onEpisode;
            if (onPreflight is not null) runner.PreflightFinished += onPreflight;
            return runner.Run(plan with { Only = remaining }, writer, cancel);
        }
        catch (Exception e) when (e is EvaluationAbortedException or RunDirectoryException)
        {
            // Nothing was measured: leave nothing behind that would block the same command.
            writer.Abandon();
            throw;
        }
        finally { writer.Dispose(); }
    }

    private static RunDirectoryWriter Open(RunTarget target, RunSummary header, TaskSchema schema)
    {
        bool exists = File.Exists(Path.Combine(target.Dir, RunDirectory.SummaryFile));
        if (!exists || !target.Resume || target.Overwrite)
            return RunDirectoryWriter.Create(target.Dir, header, schema, target.ExtraColumns, target.Overwrite);
        var onDisk = RunDirectoryReader.ReadSummary(target.Dir);
        var diffs = RunCompatibility.Differences(onDisk, header);
        if (diffs.Count > 0)
            throw new RunDirectoryException(
                $"cannot resume '{target.Dir}': it holds a run of another experiment ({string.Join("; ", diffs)}; on disk vs this command). " +
                "Resume with the same scene, policy, seed and settings, or choose a new --out.");
        return RunDirectoryWriter.Resume(target.Dir, header, schema, target.ExtraColumns);
    }

    private static string Describe(IReadOnlyList<int> indices) =>
        indices.Count == 0 ? "no episodes" : indices.Count == indices[^1] - indices[0] + 1 ? $"episodes {indices[0]}..{indices[^1]}" : $"{indices.Count} episodes";
}
