using System.Diagnostics;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;

namespace Harness.Core.Episodes;

/// <summary>
/// The one episode loop, for simulation and hardware alike. It resets the policy before every
/// episode, executes chunks (n actions then re-query, or temporal ensembling), records every step
/// and every chunk with the state it was predicted from, and turns faults into ERROR episodes.
/// </summary>
public sealed class EpisodeRunner(IRobotEnv env, IPolicy policy, ChunkExecution? execution = null,
    IReadOnlyList<IEpisodeObserver>? observers = null, string? prompt = null)
{
    private readonly ChunkExecution _execution = ChunkExecution.From(policy.Hint, execution);
    private readonly IReadOnlyList<IEpisodeObserver> _observers = observers ?? [];

    public IRobotEnv Env => env;
    public IPolicy Policy => policy;

    /// <summary>The task text sent to the policy: the --prompt override, else the environment's.</summary>
    public string TaskText => prompt ?? env.TaskText;

    public EpisodeRecord Run(int episode, int seed, int? maxSteps = null, CancellationToken cancel = default)
    {
        _execution.Validate();
        var clock = Stopwatch.StartNew();
        int limit = maxSteps ?? env.Spec.MaxEpisodeSteps;
        var steps = new List<StepRecord>(limit);
        var chunks = new List<ChunkRecord>();
        var snapshots = env as ISnapshotEnv;
        TemporalEnsembler? ensembler = _execution.TemporalEnsembleCoeff is { } m ? new TemporalEnsembler(m) : null;
        string? error = null;
        var fault = EpisodeFault.None;
        bool taskDone = false;

        try
        {
            policy.Reset();
            var obs = env.Reset(seed);
            foreach (var o in _observers) o.OnEpisodeStart(env, episode, seed, obs);

            ChunkRecord? current = null;
            int row = 0;
            for (int step = 0; step < limit && !taskDone; step++)
            {
                cancel.ThrowIfCancellationRequested();
                int perQuery = _execution.ActionsPerQuery ?? int.MaxValue;
                bool query = current is null || ensembler is not null || row >= Math.Min(perQuery, current.Chunk.Length);
                if (query)
                {
                    var snapshot = snapshots?.Capture();
                    var t0 = Stopwatch.GetTimestamp();
                    ActionChunk chunk;
                    // Actions are applied as float32 (what LeRobot datasets store), so a recorded episode
                    // replays exactly; the chunk is rounded once here, so whiskers simulate what runs.
                    try { chunk = policy.Infer(obs, TaskText).RoundedToFloat32(); }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        throw new PolicyFaultException(policy.Name, step, ex);
                    }
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (chunk.Dim != env.Spec.ActionDim)
                        throw new PolicyFaultException(policy.Name, step, new InvalidDataException(
                            $"policy returned actions of dimension {chunk.Dim}; {env.Spec.RobotType} expects {env.Spec.ActionDim} " +
                            $"({string.Join(", ", env.Spec.Joints.Select(j => j.Key))})."));
                    current = new ChunkRecord(chunks.Count, step, chunk, snapshot, ms);
                    chunks.Add(current);
                    ensembler?.Add(step, chunk.Actions);
                    row = 0;
                    foreach (var o in _observers) o.OnChunk(env, current);
                }

                // An ensembled average of float32 rows is rounded again before it is applied.
                var commanded = ToFloat32(ensembler is not null ? ensembler.ActionFor(step) : current!.Chunk[row]);
                var result = env.Step(commanded);
                var record = new StepRecord(step, obs.State, commanded, result.AppliedAction, current!.Index, ensembler is null ? row : step - current.PredictedAtStep);
                steps.Add(record);
                foreach (var o in _observers) o.OnStep(env, record, result.Observation);
                obs = result.Observation;
                taskDone = result.TaskDone;
                row++;
            }
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception ex)
        {
            error = ex is PolicyFaultException pf ? pf.Message : $"{ex.GetType().Name}: {ex.Message}";
            fault = ex is PolicyFaultException { InnerException: PolicyUnreachableException } ? EpisodeFault.PolicyUnreachable
                : ex is PolicyFaultException ? EpisodeFault.Policy : EpisodeFault.Environment;
        }

        TaskOutcome outcome;
        if (error is not null)
            outcome = TaskOutcome.Error(error, SafeMetrics(steps.Count));
        else
        {
            try { outcome = env.Conclude(new EpisodeEnd(steps.Count, !taskDone)); }
            catch (Exception ex)
            {
                error = $"classifying the episode failed: {ex.GetType().Name}: {ex.Message}";
                fault = EpisodeFault.Environment;
                outcome = TaskOutcome.Error(error);
            }
        }

        var episodeRecord = new EpisodeRecord(episode, seed, steps, chunks, outcome, clock.Elapsed.TotalSeconds, error, fault);
        foreach (var o in _observers) o.OnEpisodeEnd(env, episodeRecord);
        return episodeRecord;
    }

    // After a fault the monitor's metrics so far are still worth keeping, if it can give them;
    // an episode that failed before its first step measured nothing, so it reports nothing.
    private IReadOnlyDictionary<string, double> SafeMetrics(int steps)
    {
        if (steps == 0) return new Dictionary<string, double>();
        try { return env.Conclude(new EpisodeEnd(steps, false)).Metrics; }
        catch { return new Dictionary<string, double>(); }
    }

    private static double[] ToFloat32(double[] action)
    {
        var rounded = new double[action.Length];
        for (int i = 0; i < action.Length; i++) rounded[i] = (float)action[i];
        return rounded;
    }
}

/// <summary>An exception raised inside a policy, wrapped with the policy's name and step.</summary>
public sealed class PolicyFaultException(string policy, int step, Exception inner)
    : Exception($"policy '{policy}' failed at step {step}: {inner.Message}", inner);
