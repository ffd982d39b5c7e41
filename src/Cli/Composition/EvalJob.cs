using System.Reflection;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Eval.Evaluation;
using Harness.Eval.Runs;
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
    IReadOnlyList<string>? ExtraColumns = null);

/// <summary>
/// The eval job behind the CLI: validates the request, builds one environment and policy per
/// worker, runs the plan and writes the run directory.
/// </summary>
public static class EvalJob
{
    public static string HarnessVersion =>
        typeof(EvalJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RunSummary Run(EvalRequest req, Action<EpisodeRecord>? onEpisode = null, CancellationToken cancel = default)
    {
        var scene = SceneEntry.Resolve(req.Scene);
        PolicyCatalog.Validate(req.Policy);
        var plan = new EvaluationPlan(req.Episodes, req.Seed, req.Workers,
            req.ActionsPerQuery is null && req.TemporalEnsemble is null ? null : new ChunkExecution(req.ActionsPerQuery, req.TemporalEnsemble),
            req.MaxSteps);
        plan.Validate();
        var images = req.Images ?? new ImageOptions();

        // Build worker 0 first: a policy or scene that cannot be built fails before any file is written.
        var first = CreateWorker(0, scene, req, images);
        var checkpoint = first.Policy as ICheckpointInfo;
        var header = new RunSummary
        {
            Scene = scene.Name,
            Task = first.Env.TaskText,
            Policy = req.Policy,
            Checkpoint = checkpoint?.Checkpoint,
            TrainingStep = checkpoint?.TrainingStep,
            Seed = req.Seed,
            EpisodesRequested = req.Episodes,
            Workers = req.Workers,
            HarnessVersion = HarnessVersion,
            MujocoVersion = MujocoLibrary.Version,
            StartedAt = DateTimeOffset.UtcNow,
        };
        using var writer = RunDirectoryWriter.Create(req.OutDir, header, req.ExtraColumns, req.Overwrite);
        var runner = new EvaluationRunner(w => w == 0 ? first : CreateWorker(w, scene, req, images));
        if (onEpisode is not null) runner.EpisodeFinished += onEpisode;
        return runner.Run(plan, writer, cancel);
    }

    private static WorkerSetup CreateWorker(int worker, SceneEntry scene, EvalRequest req, ImageOptions images)
    {
        var env = EnvFactory.Create(scene, images, req.MaxSteps);
        try
        {
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
