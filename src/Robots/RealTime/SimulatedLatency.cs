using System.Globalization;
using Harness.Core.Policies;
using Harness.Core.Randomness;

namespace Harness.Robots.RealTime;

/// <summary>
/// Inference latency as a real loop meets it, for a latency-faithful simulation: each background
/// request takes a latency drawn from a log-normal distribution with the given median (p50) and
/// 95th percentile (equal: a constant), and its chunk becomes available at the first control step
/// at or after the request's step plus that latency (ceil(latency / period) steps later), exactly
/// as a chunk finishing between two ticks is merged at the next one on hardware. The policy runs
/// at once, from the observation of the request's step. Draws are seeded by the request's step and
/// the measured state, so an episode gets the same delays whatever the worker or the run order.
/// </summary>
public sealed record SimulatedLatency(double P50Ms, double P95Ms, double ControlHz) : IInferenceTiming
{
    /// <summary>z of the 95th percentile of a standard normal.</summary>
    private const double Z95 = 1.6448536269514722;

    public void Validate()
    {
        if (!(P50Ms >= 0) || !double.IsFinite(P50Ms))
            throw new ArgumentException($"--latency-ms: the median latency must be a number of milliseconds >= 0; got {P50Ms}.");
        if (!(P95Ms >= P50Ms) || !double.IsFinite(P95Ms))
            throw new ArgumentException($"--latency-ms: the 95th percentile ({P95Ms} ms) must be at least the median ({P50Ms} ms).");
        if (!(ControlHz > 0)) throw new ArgumentException($"the control rate must be positive; got {ControlHz}.");
    }

    /// <summary>Parses <c>P50</c> or <c>P50,P95</c> (milliseconds).</summary>
    public static (double P50, double P95) Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double p50 = double.Parse(parts[0], CultureInfo.InvariantCulture);
            return (p50, parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : p50);
        }
        throw new ArgumentException($"--latency-ms expects P50 or P50,P95 in milliseconds (e.g. 100 or 80,140); got '{text}'.");
    }

    /// <summary>The latency a request gets (ms): the median scaled by exp(sigma * z), sigma from the two percentiles.</summary>
    public double Draw(int step, ReadOnlySpan<double> state)
    {
        if (P95Ms <= P50Ms || P50Ms == 0) return P50Ms;
        double sigma = Math.Log(P95Ms / P50Ms) / Z95;
        var random = new SeededRandom(Seed(step, state));
        return P50Ms * Math.Exp(sigma * random.Gaussian());
    }

    /// <summary>Control steps until a chunk with this latency is merged.</summary>
    public int DelaySteps(double latencyMs) => (int)Math.Ceiling(latencyMs * ControlHz / 1000 - 1e-9);

    public IPendingChunk Start(Func<ActionChunk> infer, int step, ReadOnlySpan<double> state)
    {
        int ready = step + DelaySteps(Draw(step, state));
        try { return new Pending(step, ready, infer(), null); }
        catch (Exception e) { return new Pending(step, ready, null, e); }
    }

    private static ulong Seed(int step, ReadOnlySpan<double> state)
    {
        ulong h = 1469598103934665603UL ^ (ulong)(uint)step;
        foreach (double v in state)
        {
            h ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            h *= 1099511628211UL;
        }
        return h;
    }

    private sealed class Pending(int step, int ready, ActionChunk? chunk, Exception? failure) : IPendingChunk
    {
        public int RequestedAt => step;
        public bool ReadyAt(int s) => s >= ready;
        public ActionChunk Result() => chunk ?? throw failure!;
        public void Settle() { }
    }
}
