using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Datasets.Recording;
using Harness.Sim.Env;

namespace Harness.Cli.Composition;

/// <summary>Builds the shared dataset and the per-worker recorders for `eval --record OUT`.</summary>
public static class RecordObservers
{
    /// <summary>Null without --record; otherwise the recording (to complete after the run) and its observer factory.</summary>
    public static (DatasetRecording Recording, Func<int, SceneEntry, IReadOnlyList<IEpisodeObserver>> Observers)? For(
        string scene, string? record, string? only, string? format, string? cameras, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(record))
        {
            if (only is not null || format is not null || cameras is not null)
                throw new ArgumentException("--record-only, --record-format and --record-cameras need --record OUT.");
            return null;
        }
        var entry = SceneEntry.Resolve(scene);
        var names = cameras?.Trim() == "none" ? []
            : string.IsNullOrWhiteSpace(cameras) ? entry.Definition.VideoCameras
            : cameras.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var c in names)
            if (!entry.Definition.CameraNames.Contains(c))
                throw new ArgumentException($"scene '{entry.Name}' has no camera '{c}' (--record-cameras); its cameras are: {string.Join(", ", entry.Definition.CameraNames)}, or none.");
        var recording = new DatasetRecording(new RecordingOptions(record, RecordingOptions.ParseOnly(only), RecordingOptions.ParseFormat(format), names, overwrite));
        return (recording, (_, _) => [new EpisodeRecorder(recording, names, Render)]);
    }

    // Cameras the policy does not read are rendered for the recording by the simulator itself.
    private static CameraImage Render(IRobotEnv env, string camera) =>
        env is MujocoEnv sim ? sim.Render(camera)
            : throw new InvalidOperationException($"camera '{camera}' is not in the observation and {env.GetType().Name} cannot render it.");
}
