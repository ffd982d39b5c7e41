using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Eval.Runs;

namespace Harness.Eval.Evaluation;

/// <summary>
/// Runs the episodes of a plan on parallel workers, each with its own environment and policy,
/// and streams every finished episode into the run directory. Episode i always gets the seed
/// <see cref="EpisodeSeeds.For"/>(run seed, i), so runs are paired across policies and the
/// number of workers never changes results.
/// </summary>
public sealed class EvaluationRunner(Func<int, WorkerSetup> createWorker)
{
    public event Action<EpisodeRecord>? EpisodeFinished;

    /// <summary>Worker 0's pre-flight report, before any episode runs (a forced run's failures and warnings are in it).</summary>
    public event Action<PreflightReport>? PreflightFinished;

    public RunSummary Run(EvaluationPlan plan, RunDirectoryWriter writer, CancellationToken cancel = default)
    {
        plan.Validate();
        var indices = plan.Indices;
        writer.ExpectEpisodes(indices);
        var clock = Stopwatch.StartNew();
        int next = -1, unreachableInARow = 0;
        string? stopped = null;
        Exception? fatal = null;
        var remote = new RemoteTimingBag();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        // No episode starts before worker 0's pre-flight passed: a refused run must leave nothing behind.
        using var firstPreflight = new ManualResetEventSlim();

        void Work(int worker)
        {
            try
            {
                using var setup = createWorker(worker);
                using var collect = new RemoteTimingCollector(setup.Policy, remote);
                // Pre-flight runs once per worker, before its first episode, on the scene's own reset states.
                setup.Env.RequestCameras(setup.Policy.Inputs.Cameras.ToArray());
                var probes = PreflightContext.Collect(setup.Env, plan.Seed, plan.Prompt ?? setup.Env.TaskText);
                var report = setup.Policy.Preflight(probes).ThrowIfRefused();
                if (worker == 0)
                {
                    writer.RecordPreflight(report.Results.Select(r => new PreflightEntry(r.Check, PreflightEntry.ResultName(r.Status), r.Message)).ToList());
                    PreflightFinished?.Invoke(report);
                    firstPreflight.Set();
                }
                else WaitHandle.WaitAny([firstPreflight.WaitHandle, failed.Token.WaitHandle]);
                var runner = new EpisodeRunner(setup.Env, setup.Policy, plan.Execution, setup.Observers, plan.Prompt);
                var metrics = setup.Observers.OfType<IEpisodeMetricsObserver>().ToArray();
                while (true)
                {
                    int position = Interlocked.Increment(ref next);
                    if (position >= indices.Count || failed.IsCancellationRequested) return;
                    int episode = indices[position];
                    var record = runner.Run(episode, EpisodeSeeds.For(plan.Seed, episode), plan.MaxSteps, failed.Token);
                    var extra = new Dictionary<string, double?>();
                    foreach (var m in metrics)
                        foreach (var (k, v) in m.TakeMetrics()) extra[k] = v;
                    writer.Add(EpisodeRows.From(record, writer.Schema, extra), record.Chunks.Select(c => c.LatencyMs));
                    EpisodeFinished?.Invoke(record);
                    if (record.Fault != EpisodeFault.PolicyUnreachable) Interlocked.Exchange(ref unreachableInARow, 0);
                    else if (Interlocked.Increment(ref unreachableInARow) >= plan.UnreachableLimit)
                    {
                        Interlocked.CompareExchange(ref stopped,
                            $"the policy could not be reached in {plan.UnreachableLimit} episodes in a row ({record.Error}); " +
                            "the run stopped early. Check that the policy server is running, then run the same command again.", null);
                        failed.Cancel();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref fatal, ex, null);
                failed.Cancel();
            }
        }

        var threads = Enumerable.Range(0, Math.Min(plan.Workers, indices.Count))
            .Select(w => new Thread(() => Work(w)) { Name = $"harness-worker-{w}", IsBackground = true })
            .ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        if (fatal is not null) throw new EvaluationAbortedException(fatal);
        cancel.ThrowIfCancellationRequested();
        if (stopped is not null) return writer.Stop(stopped, DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds, remote.ToExtra());
        return writer.Complete(DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds, remote.ToExtra());
    }
}

/// <summary>The run could not go on (a worker could not be set up, or a pre-flight check failed).</summary>
public sealed class EvaluationAbortedException(Exception inner) : Exception(inner.Message, inner);
