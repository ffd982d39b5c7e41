using Harness.Eval.Runs;

namespace Harness.Eval.SimReal;

/// <summary>One checkpoint's simulated and real run, and their episodes paired by seed.</summary>
public sealed record CheckpointRuns(string Checkpoint, RunDirectory Sim, RunDirectory Real, IReadOnlyList<EpisodePair> Pairs,
    IReadOnlyList<SettingDifference> Differences);
