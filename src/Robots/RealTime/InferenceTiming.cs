using System.Diagnostics;
using Harness.Core.Policies;

namespace Harness.Robots.RealTime;

/// <summary>
/// When a chunk requested in the background becomes available to the loop: on hardware when the
/// inference thread finishes (<see cref="WallClockInference"/>); in a latency-faithful simulation
/// after as many control steps as the real inference would have taken (<see cref="SimulatedLatency"/>).
/// </summary>
public interface IInferenceTiming
{
    /// <summary>Starts an inference requested at <paramref name="step"/> from <paramref name="state"/> (for seeding a simulated delay).</summary>
    IPendingChunk Start(Func<ActionChunk> infer, int step, ReadOnlySpan<double> state);
}

/// <summary>A requested chunk on its way.</summary>
public interface IPendingChunk
{
    int RequestedAt { get; }

    /// <summary>True once the chunk can be merged at control step <paramref name="step"/>.</summary>
    bool ReadyAt(int step);

    /// <summary>The chunk (throws what the policy threw).</summary>
    ActionChunk Result();

    /// <summary>Waits for the inference to end, ignoring its outcome (the policy is not reentrant).</summary>
    void Settle();
}

/// <summary>Real time: the inference runs on a thread-pool thread; it is ready when it has finished. Measures each call.</summary>
public sealed class WallClockInference : IInferenceTiming
{
    private readonly List<double> _ms = [];

    /// <summary>Durations of the finished background inferences, ms.</summary>
    public IReadOnlyList<double> InferenceMs
    {
        get { lock (_ms) return _ms.ToArray(); }
    }

    public IPendingChunk Start(Func<ActionChunk> infer, int step, ReadOnlySpan<double> state) => new Pending(step, Task.Run(() =>
    {
        long t0 = Stopwatch.GetTimestamp();
        var chunk = infer();
        lock (_ms) _ms.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        return chunk;
    }));

    private sealed class Pending(int step, Task<ActionChunk> task) : IPendingChunk
    {
        public int RequestedAt => step;
        public bool ReadyAt(int _) => task.IsCompleted;
        public ActionChunk Result() => task.GetAwaiter().GetResult();

        public void Settle()
        {
            try { task.Wait(); }
            catch (AggregateException) { }
        }
    }
}
