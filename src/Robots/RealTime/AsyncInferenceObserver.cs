using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Core.Statistics;

namespace Harness.Robots.RealTime;

/// <summary>
/// Adds each episode's asynchronous-inference figures to episodes.csv: calls of the wrapped
/// policy (the runner queries the wrapper every step, so its own policy_calls counts steps),
/// steps that held the last action because no chunk had arrived, and actions dropped because their
/// chunk came after their step. Publishes the background inference latency over the run
/// (<see cref="LatencyExtraKey"/>: p50, p95, calls) for run.json, where
/// <c>eval --latency-from</c> finds it.
/// </summary>
public sealed class AsyncInferenceObserver(AsyncChunkPolicy policy, IDictionary<string, object>? runExtra = null) : IEpisodeMetricsObserver
{
    public const string ModelCalls = "model_calls";
    public const string StarvedSteps = "starved_steps";
    public const string LateActionsDropped = "late_actions_dropped";
    public const string LatencyExtraKey = "inference_latency_ms";

    private IReadOnlyDictionary<string, double?>? _last;

    public IReadOnlyList<string> Columns => [ModelCalls, StarvedSteps, LateActionsDropped];

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        _last = new Dictionary<string, double?>
        {
            [ModelCalls] = policy.InnerCalls,
            [StarvedSteps] = policy.StarvedSteps,
            [LateActionsDropped] = policy.ActionsDropped,
        };
        if (runExtra is not null && policy.Timing is WallClockInference wall && wall.InferenceMs is { Count: > 0 } ms)
            runExtra[LatencyExtraKey] = new Dictionary<string, double>
            {
                ["p50"] = Percentiles.Of(ms, 50), ["p95"] = Percentiles.Of(ms, 95), ["calls"] = ms.Count,
            };
    }

    public IReadOnlyDictionary<string, double?> TakeMetrics()
    {
        var m = _last ?? throw new InvalidOperationException("inference metrics are taken once per finished episode.");
        _last = null;
        return m;
    }
}
