namespace Harness.Policies.Remote;

/// <summary>Percentiles of a run's remote calls (linear interpolation between ranks, as numpy's default).</summary>
public sealed record RemoteTimingSummary(int Calls, double RoundTripP50Ms, double RoundTripP95Ms,
    double? ServerInferP50Ms, double? ServerInferP95Ms, double? PolicyInferP50Ms, double? PolicyInferP95Ms)
{
    public static RemoteTimingSummary? From(IReadOnlyList<RemoteCallTiming> timings)
    {
        if (timings.Count == 0) return null;
        var rtt = timings.Select(t => t.RoundTripMs).ToArray();
        var server = timings.Where(t => t.ServerInferMs is not null).Select(t => t.ServerInferMs!.Value).ToArray();
        var policy = timings.Where(t => t.PolicyInferMs is not null).Select(t => t.PolicyInferMs!.Value).ToArray();
        return new RemoteTimingSummary(timings.Count, Percentile(rtt, 50), Percentile(rtt, 95),
            server.Length > 0 ? Percentile(server, 50) : null, server.Length > 0 ? Percentile(server, 95) : null,
            policy.Length > 0 ? Percentile(policy, 50) : null, policy.Length > 0 ? Percentile(policy, 95) : null);
    }

    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0) throw new ArgumentException("percentile of no values.");
        var sorted = values.Order().ToArray();
        double rank = percent / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
