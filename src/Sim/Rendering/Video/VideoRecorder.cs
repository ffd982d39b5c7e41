using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;

namespace Harness.Sim.Rendering.Video;

/// <summary>What to record: episodes with index below <see cref="Episodes"/>, into <see cref="Directory"/>.</summary>
public sealed record VideoOptions(string Directory, int Episodes, IReadOnlyList<string> Cameras)
{
    /// <summary>Parses "a,b" (empty: the scene's default video cameras).</summary>
    public static IReadOnlyList<string> ParseCameras(string? text, IReadOnlyList<string> sceneDefaults) =>
        string.IsNullOrWhiteSpace(text)
            ? sceneDefaults
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Throws when a camera is not one of the scene's, listing those that are.</summary>
    public void Validate(string scene, IReadOnlyCollection<string> sceneCameras)
    {
        if (Episodes < 0) throw new ArgumentException($"--video expects a number of episodes >= 0; got {Episodes}.");
        if (Cameras.Count == 0) throw new ArgumentException("--video-cameras needs at least one camera.");
        foreach (var c in Cameras)
            if (!sceneCameras.Contains(c))
                throw new ArgumentException($"scene '{scene}' has no camera '{c}' (--video-cameras); its cameras are: {string.Join(", ", sceneCameras)}.");
    }
}

/// <summary>
/// Records the first K episodes as MP4 files named <c>episode_0003_SUCCESS.mp4</c>: every camera
/// side by side with a caption (episode, seed, step; the outcome on the last frame). Frame 0 is
/// the initial observation, then one frame per step, so a video has steps + 1 frames. Frames
/// come from the environment's own renderer and only read the simulation state. A video that
/// fails (ffmpeg error, rendering error) is reported through <c>warn</c> and dropped; the
/// episode goes on. One recorder per worker.
/// </summary>
public sealed class VideoRecorder : IEpisodeObserver, IDisposable
{
    private readonly VideoOptions _options;
    private readonly Action<string> _warn;
    private Recording? _current;

    public VideoRecorder(VideoOptions options, Action<string>? warn = null)
    {
        _options = options;
        _warn = warn ?? (m => Console.Error.WriteLine("warning: " + m));
        VideoEncoder.EnsureAvailable();
        Directory.CreateDirectory(options.Directory);
    }

    /// <summary>Final paths of the videos written so far.</summary>
    public IReadOnlyList<string> Written => _written;
    private readonly List<string> _written = [];

    public static string FileName(int episode, string outcome) => $"episode_{episode:D4}_{outcome}.mp4";

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first)
    {
        Abort();
        if (episode >= _options.Episodes) return;
        if (env is not MujocoEnv sim)
        {
            _warn($"episode {episode}: videos need a simulated environment; {env.GetType().Name} is not one. No video.");
            return;
        }
        Guard(episode, () =>
        {
            // A run replaced with --overwrite may have left this episode's video under another outcome.
            foreach (var stale in Directory.EnumerateFiles(_options.Directory, $"episode_{episode:D4}_*.mp4")) File.Delete(stale);
            var first0 = Frames(sim, first);
            var composer = new FrameComposer(first0[0].Height, first0[0].Width, _options.Cameras);
            string tmp = Path.Combine(_options.Directory, $"episode_{episode:D4}.recording.mp4");
            var encoder = VideoEncoder.Start(tmp, composer.Width, composer.Height, env.Spec.ControlHz);
            _current = new Recording(sim, episode, seed, composer, encoder, first0, 0);
        });
    }

    public void OnStep(IRobotEnv env, StepRecord step, Observation next)
    {
        if (_current is not { } r) return;
        Guard(r.Episode, () =>
        {
            Write(r, Caption(r, r.PendingStep, null));
            r.Pending = Frames(r.Env, next);
            r.PendingStep = next.Step;
        });
    }

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        if (_current is not { } r) return;
        Guard(r.Episode, () =>
        {
            Write(r, Caption(r, r.PendingStep, record.Outcome.Label));
            r.Encoder.Finish();
            string final = Path.Combine(_options.Directory, FileName(r.Episode, record.Outcome.Label));
            File.Move(r.Encoder.Path, final, overwrite: false);
            _written.Add(final);
        });
        _current?.Encoder.Dispose();
        _current = null;
    }

    // Cameras the policy asked for are already in the observation, rendered by the same renderer
    // from the same state: reuse them instead of rendering twice.
    private CameraImage[] Frames(MujocoEnv env, Observation observation) =>
        _options.Cameras.Select(c => observation.Images.TryGetValue(FeatureNames.Image(c), out var img) ? img : env.Render(c)).ToArray();

    private static string Caption(Recording r, int step, string? outcome) =>
        $"EPISODE {r.Episode}  SEED {r.Seed}  STEP {step}" + (outcome is { } o ? "  " + o : "");

    private static void Write(Recording r, string caption)
    {
        r.Composer.Compose(r.Pending, caption, r.Frame);
        r.Encoder.WriteFrame(r.Frame);
    }

    private void Guard(int episode, Action body)
    {
        try { body(); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _warn($"episode {episode}: no video ({ex.Message}).");
            Abort();
        }
    }

    private void Abort()
    {
        if (_current is not { } r) return;
        _current = null;
        r.Encoder.Dispose();
        try { File.Delete(r.Encoder.Path); } catch (IOException) { }
    }

    public void Dispose() => Abort();

    private sealed class Recording(MujocoEnv env, int episode, int seed, FrameComposer composer, VideoEncoder encoder, CameraImage[] pending, int pendingStep)
    {
        public MujocoEnv Env { get; } = env;
        public int Episode { get; } = episode;
        public int Seed { get; } = seed;
        public FrameComposer Composer { get; } = composer;
        public VideoEncoder Encoder { get; } = encoder;
        public byte[] Frame { get; } = new byte[composer.Width * composer.Height * 3];
        public CameraImage[] Pending { get; set; } = pending;
        public int PendingStep { get; set; } = pendingStep;
    }
}
