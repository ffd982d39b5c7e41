using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Robots.RealTime;

namespace Harness.Tests.Robots.RealTime;

/// <summary>
/// The latency-faithful simulation: chunks arrive as many control steps late as the real
/// inference would take, through the same asynchronous wrapper and merge rule as on hardware.
/// </summary>
public class SimulatedLatencyTests
{
    /// <summary>Each chunk's action j is "s + j" (s = the observation's step), so an executed value names the step it was meant for.</summary>
    private sealed class NumberedPolicy(int length) : IPolicy
    {
        public List<int> CalledAt { get; } = [];
        public string Name => "test:numbered";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => new(ActionsPerQuery: length);
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task)
        {
            CalledAt.Add(o.Step);
            return new ActionChunk(Enumerable.Range(0, length).Select(j => new double[] { 100 * CalledAt.Count + o.Step + j }).ToArray());
        }
        public void Dispose() { }
    }

    private static Observation At(int step, double state = 0) => new(step, step / 30.0,
        new Dictionary<string, double[]> { [FeatureNames.State] = [state] }, new Dictionary<string, CameraImage>());

    [Test]
    public void A_chunk_is_merged_ceil_latency_over_period_steps_after_it_was_asked_for()
    {
        var timing = new SimulatedLatency(100, 100, 30);
        Assert.That(timing.DelaySteps(100), Is.EqualTo(3), "100 ms at 30 Hz is exactly 3 periods");
        Assert.That(timing.DelaySteps(101), Is.EqualTo(4), "a chunk finishing just after a tick waits for the next");
        Assert.That(timing.DelaySteps(0), Is.EqualTo(0));
        Assert.That(timing.DelaySteps(1), Is.EqualTo(1));
    }

    [Test]
    public void The_async_loop_with_simulated_latency_executes_each_action_at_the_step_it_was_meant_for()
    {
        // Chunks of 10, next one asked for once at most half is left (remaining - 1 <= 5: at step 4),
        // 100 ms at 30 Hz = 3 steps late (merged at step 7, its rows for steps 4-6 dropped).
        var inner = new NumberedPolicy(10);
        using var policy = new AsyncChunkPolicy(inner, new AsyncInference(0.5), new SimulatedLatency(100, 100, 30));
        policy.Reset();
        var executed = Enumerable.Range(0, 11).Select(s => policy.Infer(At(s), "")[0][0]).ToArray();
        Assert.That(inner.CalledAt, Is.EqualTo(new[] { 0, 4, 8 }));
        // Steps 0-6 from the first chunk (100 + s), 7-10 from the second (200 + 4 + (s - 4)); the third is still on its way.
        Assert.That(executed, Is.EqualTo(new double[] { 100, 101, 102, 103, 104, 105, 106, 207, 208, 209, 210 }));
        Assert.That(policy.ActionsDropped, Is.EqualTo(3));
        Assert.That(policy.StarvedSteps, Is.EqualTo(0));
    }

    [Test]
    public void A_latency_longer_than_the_rest_of_the_chunk_starves_the_loop_which_holds_the_last_action()
    {
        // Chunks of 6: the next is asked for at step 2 (remaining 4: 3 <= 3); 150 ms = 4.5 periods,
        // so it is merged at step 7: step 6 holds step 5's action, the chunk's rows for steps 2-6 are dropped.
        var inner = new NumberedPolicy(6);
        using var policy = new AsyncChunkPolicy(inner, new AsyncInference(0.5), new SimulatedLatency(150, 150, 30));
        policy.Reset();
        var executed = Enumerable.Range(0, 8).Select(s => policy.Infer(At(s), "")[0][0]).ToArray();
        Assert.That(executed, Is.EqualTo(new double[] { 100, 101, 102, 103, 104, 105, 105, 207 }));
        Assert.That(policy.StarvedSteps, Is.EqualTo(1));
        Assert.That(policy.ActionsDropped, Is.EqualTo(5));
    }

    [Test]
    public void Drawn_latencies_have_the_requested_median_and_95th_percentile_and_repeat_for_the_same_request()
    {
        var timing = new SimulatedLatency(80, 140, 30);
        var draws = Enumerable.Range(0, 20000).Select(i => timing.Draw(i, [i * 0.37, 1.5])).Order().ToArray();
        Assert.That(draws[10000], Is.EqualTo(80).Within(80 * 0.03));
        Assert.That(draws[19000], Is.EqualTo(140).Within(140 * 0.04));
        Assert.That(timing.Draw(7, [1.25, 3]), Is.EqualTo(timing.Draw(7, [1.25, 3])), "same step and state: same latency, whatever the worker");
        Assert.That(new SimulatedLatency(80, 80, 30).Draw(7, [1.25, 3]), Is.EqualTo(80), "p50 only: a constant");
    }

    [Test]
    public void Latency_text_and_bad_values_are_checked()
    {
        Assert.That(SimulatedLatency.Parse("100"), Is.EqualTo((100.0, 100.0)));
        Assert.That(SimulatedLatency.Parse("80,140"), Is.EqualTo((80.0, 140.0)));
        Assert.That(() => SimulatedLatency.Parse("fast"), Throws.ArgumentException.With.Message.Contains("P50 or P50,P95"));
        Assert.That(() => new SimulatedLatency(100, 50, 30).Validate(), Throws.ArgumentException.With.Message.Contains("at least the median"));
    }
}
