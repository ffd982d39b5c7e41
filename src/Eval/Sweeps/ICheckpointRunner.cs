using Harness.Core.Episodes;
using Harness.Eval.Runs;

namespace Harness.Eval.Sweeps;

/// <summary>
/// One checkpoint's part of a sweep: its run directory must end up holding episodes
/// <see cref="Only"/> (or 0..Episodes-1), continuing whatever is already there.
/// </summary>
public sealed record CheckpointRun(
    SweepCheckpoint Checkpoint,
    string RunDir,
    int Episodes,
    IReadOnlyList<int>? Only,
    Action<EpisodeRecord>? OnEpisode = null,
    Action<RunSummary>? Started = null);

/// <summary>Runs one checkpoint's episodes into its run directory (the CLI builds scene, policy and server; tests use doubles).</summary>
public interface ICheckpointRunner
{
    RunSummary Run(CheckpointRun run, CancellationToken cancel);
}

/// <summary>What a sweep reports while it runs (progress displays). Every method may be called from worker threads.</summary>
public interface ISweepProgress
{
    /// <summary>A checkpoint's target changed (the plan, or a new round of adaptive stopping).</summary>
    void Target(SweepCheckpoint checkpoint, int episodes) { }
    void Started(SweepCheckpoint checkpoint, RunSummary onDisk) { }
    void Episode(SweepCheckpoint checkpoint, EpisodeRecord episode) { }
    void Finished(SweepCheckpoint checkpoint, RunSummary run) { }
    void Failed(SweepCheckpoint checkpoint, Exception error) { }
    void Note(string line) { }
}
