using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Core.Episodes;
using Harness.Sim.Rendering.Video;

namespace Harness.Cli.Composition;

/// <summary>Builds the per-worker <see cref="VideoRecorder"/> for `eval --video K`.</summary>
public static class VideoObservers
{
    public const string VideosFolder = "videos";

    /// <summary>Null when no video is asked for; checks cameras and ffmpeg before the run starts.</summary>
    public static Func<int, SceneEntry, IReadOnlyList<IEpisodeObserver>>? For(string scene, string outDir, int episodes, string? cameras)
    {
        if (episodes == 0 && string.IsNullOrWhiteSpace(cameras)) return null;
        var entry = SceneEntry.Resolve(scene);
        var options = new VideoOptions(Path.Combine(outDir, VideosFolder), episodes, VideoOptions.ParseCameras(cameras, entry.Definition.VideoCameras));
        options.Validate(entry.Name, entry.Definition.CameraNames.ToArray());
        if (episodes == 0) return null;
        VideoEncoder.EnsureAvailable();
        return (_, _) => [new VideoRecorder(options, m => Console.Error.WriteLine("warning: " + m))];
    }
}
