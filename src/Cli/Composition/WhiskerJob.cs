using Harness.Core.Policies;
using Harness.Core.Episodes;
using Harness.Core.Randomness;
using Harness.Core.Whiskers;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Whiskers;

namespace Harness.Cli.Composition;

/// <summary>
/// What `harness whiskers` was asked to do: one episode (episode <see cref="Episode"/> of run
/// seed <see cref="Seed"/>, the same initial state as that episode of `harness eval`).
/// </summary>
/// <param name="ViewHeight">Size of the video and stills when it differs from the policy's cameras (Height x Width).</param>
public sealed record WhiskerRequest(
    string Scene,
    string Policy,
    int Seed,
    string OutDir,
    int Episode = 0,
    string? Camera = null,
    int Samples = 1,
    int Height = 480,
    int Width = 640,
    string? Gl = null,
    int? ActionsPerQuery = null,
    int? MaxSteps = null,
    bool Video = true,
    bool Interactive = false,
    WhiskerStyle? Style = null,
    PolicyOptions? PolicyOptions = null,
    double? TemporalEnsemble = null,
    int? ViewHeight = null,
    int? ViewWidth = null);

/// <summary>The episode, its whisker trace and the files written.</summary>
public sealed record WhiskerResult(EpisodeRecord Episode, WhiskerTrace Trace, WhiskerSummary Summary, IReadOnlyList<string> Files);

/// <summary>Whiskers from the command line: one episode with files, or metrics columns for eval.</summary>
public static class WhiskerJob
{
    public const string VideoFile = "whiskers.mp4";

    /// <summary>The eval request with a whisker simulator per worker and its columns in episodes.csv.</summary>
    public static EvalRequest WithMetrics(EvalRequest req)
    {
        var inner = req.Observers;
        return req with
        {
            Observers = (worker, scene) => [.. inner?.Invoke(worker, scene) ?? [], new WhiskerSimulator()],
            ExtraColumns = [.. req.ExtraColumns ?? [], .. WhiskerSummary.Columns],
        };
    }

    /// <summary>
    /// Runs the episode with whiskers, then writes whiskers.json, whisker_metrics.json, the stills
    /// and (unless off) whiskers.mp4, and hands back the recording for an interactive viewer.
    /// </summary>
    public static (WhiskerResult Result, WhiskerRecording Recording) Run(WhiskerRequest req, Action<string>? progress = null)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        PolicyCatalog.Validate(req.Policy, scene);
        if (req.Samples < 1) throw new ArgumentException($"--samples must be at least 1; got {req.Samples}.");
        string camera = req.Camera ?? scene.Definition.ViewCamera;
        if (!scene.Definition.CameraNames.Contains(camera))
            throw new ArgumentException($"scene '{scene.Name}' has no camera '{camera}'; its cameras are: {string.Join(", ", scene.Definition.CameraNames)}.");
        var backend = GlBackends.Resolve(req.Gl);
        if (req.Interactive)
        {
            // The viewer draws with GLFW and MuJoCo 2.2.2 loads GL once per process, so the stills
            // and the video of this process are drawn with GLFW too (hidden windows).
            if (!string.IsNullOrWhiteSpace(req.Gl) && GlBackends.Parse(req.Gl) != GlBackend.Glfw)
                throw new ArgumentException($"--interactive draws with GLFW, and one process can use one GL backend only; got --gl {req.Gl}. Drop --gl (or pass --gl glfw).");
            backend = GlBackend.Glfw;
        }
        var env = EnvFactory.Create(scene, new ImageOptions(req.Height, req.Width, CameraRenderer.Factory(backend)), req.MaxSteps);
        try
        {
            using var policy = ActionAdapters.Adapt(PolicyCatalog.Create(req.Policy, scene, req.PolicyOptions), env, req.PolicyOptions);
            env.RequestCameras(policy.Inputs.Cameras.ToArray());
            Output.PreflightNotices.Print(policy.Preflight(PreflightContext.Collect(env, req.Seed, env.TaskText)).ThrowIfRefused());
            using var whiskers = new WhiskerSimulator(new WhiskerOptions(Samples: req.Samples, RecordSnapshots: true), policy);
            var execution = req.ActionsPerQuery is null && req.TemporalEnsemble is null ? null : new ChunkExecution(req.ActionsPerQuery, req.TemporalEnsemble);
            execution?.Validate();
            var runner = new EpisodeRunner(env, policy, execution, [whiskers]);
            progress?.Invoke($"running episode {req.Episode} of seed {req.Seed} with {policy.Name} on {scene.Name}");
            var episode = runner.Run(req.Episode, EpisodeSeeds.For(req.Seed, req.Episode), req.MaxSteps);
            var trace = whiskers.Trace;

            Directory.CreateDirectory(req.OutDir);
            var files = new List<string>();
            string tracePath = Path.Combine(req.OutDir, WhiskerFiles.TraceFile), metricsPath = Path.Combine(req.OutDir, WhiskerFiles.MetricsFile);
            WhiskerFiles.WriteTrace(tracePath, trace);
            WhiskerFiles.WriteMetrics(metricsPath, trace);
            files.Add(tracePath);
            files.Add(metricsPath);

            var recording = new WhiskerRecording(env, new WhiskerFrames(env.Model, trace, whiskers.Snapshots.ToArray(), req.Style),
                new CameraRenderer(env.Model, req.ViewHeight ?? req.Height, req.ViewWidth ?? req.Width, backend), camera);
            try
            {
                progress?.Invoke($"rendering stills from {camera}");
                files.AddRange(recording.WriteStills(req.OutDir));
                if (req.Video)
                {
                    progress?.Invoke($"rendering {recording.Frames.Count} video frames");
                    files.Add(recording.WriteVideo(Path.Combine(req.OutDir, VideoFile)));
                }
            }
            catch
            {
                recording.Dispose();
                throw;
            }
            env = null; // owned by the recording now
            var summary = trace.Summary();
            return (new WhiskerResult(episode, trace, summary, files), recording);
        }
        finally { env?.Dispose(); }
    }
}
