using Harness.Core.Policies;

namespace Harness.Eval.Runs;

/// <summary>
/// Whether a run on disk and a run about to be written are the same experiment, so one may be
/// continued by the other (resume) or combined with it (merge): same scene package, task, checkpoint
/// weights, seed and result-changing settings. Worker count, timings and the episode count may differ.
/// </summary>
public static class RunCompatibility
{
    /// <summary>"what: on disk vs now" for everything that differs; empty when compatible.</summary>
    public static IReadOnlyList<string> Differences(RunSummary onDisk, RunSummary now)
    {
        var d = new List<string>();
        void Check(string what, object? a, object? b)
        {
            string sa = a?.ToString() ?? "(none)", sb = b?.ToString() ?? "(none)";
            if (sa != sb) d.Add($"{what}: {sa} vs {sb}");
        }
        Check("scene", onDisk.Scene, now.Scene);
        if (onDisk.SceneIdentity is { } sa && now.SceneIdentity is { } sb)
        {
            Check("scene version", sa.Version, sb.Version);
            Check("scene sha256", sa.Sha256, sb.Sha256);
        }
        Check("task", onDisk.Task, now.Task);
        if (onDisk.TaskSchema is { } ta && now.TaskSchema is { } tb) Check("task schema", ta.Name, tb.Name);
        Check("seed", onDisk.Seed, now.Seed);
        foreach (var c in Checkpoint(onDisk.Checkpoint, now.Checkpoint)) d.Add(c);
        foreach (var s in RunSettings.Differences(onDisk.Settings, now.Settings)) d.Add($"setting {s}");
        return d;
    }

    /// <summary>Checkpoints agree when their weights do: equal sha256 where both have one, else equal kind and location.</summary>
    private static IEnumerable<string> Checkpoint(CheckpointIdentity? a, CheckpointIdentity? b)
    {
        if (a is null || b is null) yield break;
        if (a.Kind != b.Kind) yield return $"checkpoint kind: {a.Kind} vs {b.Kind}";
        else if (a.Sha256 is not null && b.Sha256 is not null)
        {
            if (a.Sha256 != b.Sha256) yield return $"checkpoint sha256: {a.Sha256[..12]}… ({a.Location}) vs {b.Sha256[..12]}… ({b.Location})";
        }
        else if (a.Location != b.Location) yield return $"checkpoint: {a.Location} vs {b.Location}";
        if (a.TrainingStep != b.TrainingStep) yield return $"checkpoint training step: {a.TrainingStep?.ToString() ?? "(none)"} vs {b.TrainingStep?.ToString() ?? "(none)"}";
    }
}
