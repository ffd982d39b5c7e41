using Harness.Core.Statistics;
using Harness.Core.Policies;

namespace Harness.Eval.Evaluation;

/// <summary>Gathers the per-call timings of remote policies from all workers for run.json.</summary>
internal sealed class RemoteTimingBag
{
    private readonly List<double> _roundTrip = [], _server = [], _policy = [];

    public void Add(IRemoteTimings t)
    {
        lock (this)
        {
            _roundTrip.AddRange(t.RoundTripMs);
            _server.AddRange(t.ServerInferMs);
            _policy.AddRange(t.PolicyInferMs);
        }
    }

    /// <summary>run.json "extra": {"remote_timing_ms": {"round_trip": {p50, p95}, "server_infer": ..., "policy_infer": ...}}.</summary>
    public Dictionary<string, object>? ToExtra()
    {
        lock (this)
        {
            if (_roundTrip.Count == 0) return null;
            static object Summary(List<double> v) => new Dictionary<string, double>
            {
                ["p50"] = Percentiles.Of(v, 50), ["p95"] = Percentiles.Of(v, 95), ["calls"] = v.Count,
            };
            var timing = new Dictionary<string, object> { ["round_trip"] = Summary(_roundTrip) };
            if (_server.Count > 0) timing["server_infer"] = Summary(_server);
            if (_policy.Count > 0) timing["policy_infer"] = Summary(_policy);
            return new Dictionary<string, object> { ["remote_timing_ms"] = timing };
        }
    }
}

/// <summary>Hands a worker's remote timings to the bag when the worker finishes (before its policy is disposed).</summary>
internal sealed class RemoteTimingCollector(IPolicy policy, RemoteTimingBag bag) : IDisposable
{
    public void Dispose()
    {
        if (PolicyChain.Find<IRemoteTimings>(policy) is { } t) bag.Add(t);
    }
}
