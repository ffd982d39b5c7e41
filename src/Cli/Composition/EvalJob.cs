using System.Reflection;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Eval.Evaluation;
using Harness.Core.Robots;
using Harness.Eval.Runs;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Cli.Composition;

/// <summary>Everything `harness eval` was asked to do.</summary>
public sealed record EvalRequest(
    string Scene,
    string Policy,
    int Episodes,
    int Seed,
    string OutDir,
    int Workers = 1,
    int? ActionsPerQuery = null,
    double? TemporalEnsemble = null,
    int? MaxSteps = null,
    bool Overwrite = false,
    ImageOptions? Images = null,
    PolicyOptions? PolicyOptions = null,
    Func<int, SceneEntry, IReadOnlyList<IEpisodeObserver>>? Observers = null,
    IReadOnlyList<string>? ExtraColumns = null,
    string? Prompt = null,
    Func<MujocoEnv, IRobotEnv>? WrapEnv = null,
    IReadOnlyDictionary<string, string>? OtherSettings = null);

/// <summary>
/// The eval job behind the CLI: validates the request, builds one environment and policy per
/// worker, runs the plan and writes the run directory.
/// </summary>
public static class EvalJob
{
    public static string HarnessVersion =>
        typeof(EvalJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RunSummary Run(EvalRequest req, Action<EpisodeRecord>? onEpisode = null, CancellationToken cancel = default, Action<PreflightReport>? onPreflight = null)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        PolicyCatalog.Validate(req.Policy, scene);
        if (req.Policy.StartsWith("replay:", StringComparison.Ordinal) && !req.Policy.Contains('#') && req.Workers > 1)
            throw new ArgumentException("replay:DIR replays dataset episode k in run episode k, which needs one worker (workers take episodes in any order); use --workers 1, or replay:DIR#EPISODE.");
        if (req.Prompt is { } p && string.IsNullOrWhiteSpace(p))
            throw new ArgumentException("--prompt is empty; give the task text to send to the policy, or leave --prompt out to use the scene's.");
        var plan = new EvaluationPlan(req.Episodes, req.Seed, req.Workers,
            req.ActionsPerQuery is null && req.TemporalEnsemble is null ? null : new ChunkExecution(req.ActionsPerQuery, req.TemporalEnsemble),
            req.MaxSteps, req.Prompt);
        plan.Validate();
        var images = req.Images ?? new ImageOptions();

        // Build worker 0 first: a policy or scene that cannot be built fails before any file is written.
        var first = CreateWorker(0, scene, req, images);
        var header = new RunSummary
        {
            Scene = scene.Name,
            SceneIdentity = scene.Identity,
            Task = req.Prompt ?? first.Env.TaskText,
            Robot = first.Env.Spec,
            Policy = req.Policy,
            Checkpoint = first.Policy is ICheckpointInfo c ? c.Identity : new CheckpointIdentity(CheckpointIdentity.BuiltIn, req.Policy),
            Settings = Settings(req, images, first),
            Seed = req.Seed,
            EpisodesRequested = req.Episodes,
            Workers = req.Workers,
            HarnessVersion = HarnessVersion,
            MujocoVersion = MujocoLibrary.Version,
            StartedAt = DateTimeOffset.UtcNow,
        };
        var writer = RunDirectoryWriter.Create(req.OutDir, header, first.Env.Schema, req.ExtraColumns, req.Overwrite);
        try
        {
            var runner = new EvaluationRunner(w => w == 0 ? first : CreateWorker(w, scene, req, images));
            if (onEpisode is not null) runner.EpisodeFinished += onEpisode;
            if (onPreflight is not null) runner.PreflightFinished += onPreflight;
            return runner.Run(plan, writer, cancel);
        }
        catch (EvaluationAbortedException)
        {
            // Nothing was measured: leave nothing behind that would block the same command.
            writer.Abandon();
            throw;
        }
        finally { writer.Dispose(); }
    }

    /// <summary>Every setting that can change results, for run.json.</summary>
    private static RunSettings Settings(EvalRequest req, ImageOptions images, WorkerSetup first)
    {
        var o = req.PolicyOptions ?? new PolicyOptions();
        var cameras = first.Policy.Inputs.Cameras.ToList();
        return new RunSettings
        {
            ActionsPerQuery = req.ActionsPerQuery ?? first.Policy.Hint.ActionsPerQuery,
            TemporalEnsemble = req.TemporalEnsemble ?? first.Policy.Hint.TemporalEnsembleCoeff,
            MaxSteps = req.MaxSteps ?? first.Env.Spec.MaxEpisodeSteps,
            ImageSize = cameras.Count > 0 ? [images.Height, images.Width] : null,
            Cameras = cameras.Count > 0 ? cameras : null,
            FeatureMap = o.FeatureMap is { Count: > 0 } m ? new SortedDictionary<string, string>(m.ToDictionary(), StringComparer.Ordinal) : null,
            Force = o.Force,
            Prompt = req.Prompt,
            Device = req.Policy.StartsWith("onnx:", StringComparison.Ordinal) ? (o.Device ?? "cpu") : null,
            Layout = req.Policy.StartsWith("openpi:", StringComparison.Ordinal) ? (o.Layout ?? "lerobot") : null,
            Other = req.OtherSettings is { Count: > 0 } other ? new SortedDictionary<string, string>(other.ToDictionary(), StringComparer.Ordinal) : null,
        };
    }

    private static WorkerSetup CreateWorker(int worker, SceneEntry scene, EvalRequest req, ImageOptions images)
    {
        var sim = EnvFactory.Create(scene, images, req.MaxSteps);
        IRobotEnv env = sim;
        try
        {
            // A wrapper (e.g. a perturbation) owns the simulator it wraps and disposes it.
            if (req.WrapEnv is { } wrap) env = wrap(sim);
            var policy = PolicyCatalog.Create(req.Policy, scene, req.PolicyOptions);
            return new WorkerSetup(env, policy, req.Observers?.Invoke(worker, scene) ?? []);
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }
}
