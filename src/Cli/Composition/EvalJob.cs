using System.Reflection;
using Harness.Core.Actions;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Eval.Evaluation;
using Harness.Core.Robots;
using Harness.Eval.Runs;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Cli.Composition;

/// <summary>Everything `harness eval` was asked to do.</summary>
/// <param name="Resume">Continue a compatible run already in OutDir (only the missing episodes run).</param>
/// <param name="Only">Run only these episode indices of 0..Episodes-1 (a sweep shard).</param>
/// <param name="Checkpoint">The checkpoint identity to record when the policy cannot tell it (a served checkpoint folder).</param>
/// <param name="PolicyLabel">What run.json calls the policy when the spec is not stable (a server on a random port).</param>
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
    bool Resume = false,
    IReadOnlyList<int>? Only = null,
    CheckpointIdentity? Checkpoint = null,
    string? PolicyLabel = null,
    Func<IPolicy, IPolicy>? WrapPolicy = null,
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

    public static RunSummary Run(EvalRequest req, Action<EpisodeRecord>? onEpisode = null, CancellationToken cancel = default,
        Action<PreflightReport>? onPreflight = null, Action<RunSummary>? started = null)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        PolicyCatalog.Validate(req.Policy, scene);
        if (req.Policy.StartsWith("replay:", StringComparison.Ordinal) && !req.Policy.Contains('#') && req.Workers > 1)
            throw new ArgumentException("replay:DIR replays dataset episode k in run episode k, which needs one worker (workers take episodes in any order); use --workers 1, or replay:DIR#EPISODE.");
        if (req.PolicyOptions?.ActionSpace is { } space) ActionSpaces.Parse(space);
        if (req.Prompt is { } p && string.IsNullOrWhiteSpace(p))
            throw new ArgumentException("--prompt is empty; give the task text to send to the policy, or leave --prompt out to use the scene's.");
        var plan = new EvaluationPlan(req.Episodes, req.Seed, req.Workers,
            req.ActionsPerQuery is null && req.TemporalEnsemble is null ? null : new ChunkExecution(req.ActionsPerQuery, req.TemporalEnsemble),
            req.MaxSteps, req.Prompt, Only: req.Only);
        plan.Validate();
        var images = req.Images ?? new ImageOptions();

        // Build worker 0 first: a policy or scene that cannot be built fails before any file is written.
        using var ikLog = new IkFailureLog(Path.Combine(req.OutDir, IkFailureLog.FileName));
        var first = CreateWorker(0, scene, req, images, ikLog);
        var header = new RunSummary
        {
            Scene = scene.Name,
            SceneIdentity = scene.Identity,
            Task = req.Prompt ?? first.Env.TaskText,
            Robot = first.Env.Spec,
            Policy = req.PolicyLabel ?? req.Policy,
            Checkpoint = req.Checkpoint ?? (PolicyChain.Find<ICheckpointInfo>(first.Policy) is { } c ? c.Identity : new CheckpointIdentity(CheckpointIdentity.BuiltIn, req.Policy)),
            Settings = Settings(req, images, first),
            Seed = req.Seed,
            EpisodesRequested = req.Episodes,
            Workers = req.Workers,
            HarnessVersion = HarnessVersion,
            MujocoVersion = MujocoLibrary.Version,
            StartedAt = DateTimeOffset.UtcNow,
        };
        // The run is measured with the task's schema plus the metrics its observers contribute (IK errors).
        var schema = first.Env.Schema.WithMetrics(first.Observers.OfType<IEpisodeMetricsObserver>().SelectMany(o => o.Metrics));
        bool firstUsed = false;
        try
        {
            return EvaluationSession.Run(new RunTarget(req.OutDir, req.Resume, req.Overwrite, req.Only, req.ExtraColumns), header, schema, plan,
                w =>
                {
                    if (w != 0) return CreateWorker(w, scene, req, images, ikLog);
                    firstUsed = true;
                    return first;
                }, onEpisode,
                s =>
                {
                    // A replaced run's IK failure log goes; a resumed run keeps its earlier failures.
                    if (!req.Resume) ikLog.RemoveStale();
                    started?.Invoke(s);
                }, cancel, onPreflight);
        }
        finally
        {
            if (!firstUsed) first.Dispose();
        }
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
            Other = OtherSettingsOf(first.Policy, req.OtherSettings),
        };
    }

    /// <summary>The action adapter's settings and the request's own (e.g. simulated latency), sorted by key.</summary>
    private static SortedDictionary<string, string>? OtherSettingsOf(IPolicy policy, IReadOnlyDictionary<string, string>? requested)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (PolicyChain.Find<ActionAdapter>(policy) is { } adapter)
            foreach (var (k, v) in adapter.Settings()) all[k] = v;
        if (requested is not null)
            foreach (var (k, v) in requested) all[k] = v;
        return all.Count > 0 ? all : null;
    }

    private static WorkerSetup CreateWorker(int worker, SceneEntry scene, EvalRequest req, ImageOptions images, IkFailureLog ikLog)
    {
        var sim = EnvFactory.Create(scene, images, req.MaxSteps);
        IRobotEnv env = sim;
        try
        {
            // A wrapper (e.g. a perturbation) owns the simulator it wraps and disposes it.
            if (req.WrapEnv is { } wrapEnv) env = wrapEnv(sim);
            var policy = ActionAdapters.Adapt(PolicyCatalog.Create(req.Policy, scene, req.PolicyOptions), sim, req.PolicyOptions);
            if (req.WrapPolicy is { } wrap) policy = wrap(policy);
            var observers = new List<IEpisodeObserver>(req.Observers?.Invoke(worker, scene) ?? []);
            if (PolicyChain.Find<ActionAdapter>(policy)?.Metrics is { } ik)
            {
                ik.FailedSteps += ikLog.Add;
                observers.Add(ik);
            }
            return new WorkerSetup(env, policy, observers);
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }
}
