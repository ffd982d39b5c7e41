using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Robots.RealTime;

namespace Harness.Tests.Robots.RealTime;

/// <summary>Background inference merged by the plan's rule, with a policy as slow as a VLA.</summary>
public class AsyncChunkPolicyTests
{
    /// <summary>Each chunk's action j is "step s + j" (s = the observation's step): the step it is meant for.</summary>
    private sealed class SlowNumberedPolicy(TimeSpan latency, int length) : IPolicy
    {
        public int Calls;
        public string Name => "test:slow";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => new(ActionsPerQuery: length);
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task)
        {
            Interlocked.Increment(ref Calls);
            Thread.Sleep(latency);
            return new ActionChunk(Enumerable.Range(0, length).Select(j => new double[] { o.Step + j }).ToArray());
        }
        public void Dispose() { }
    }

    private static Observation At(int step) => new(step, step / 30.0,
        new Dictionary<string, double[]> { [FeatureNames.State] = [0] }, new Dictionary<string, CameraImage>());

    [Test]
    public void Every_executed_action_is_the_one_predicted_for_its_step()
    {
        var inner = new SlowNumberedPolicy(TimeSpan.FromMilliseconds(100), 10);
        using var policy = new AsyncChunkPolicy(inner, new AsyncInference(RequestAtRemaining: 0.5));
        policy.Reset();
        Assert.That(policy.Hint.ActionsPerQuery, Is.EqualTo(1));
        var pacer = new ControlPacer(30);
        pacer.Start();
        for (int step = 0; step < 60; step++)
        {
            pacer.WaitForTick();
            int starvedBefore = policy.StarvedSteps;
            double action = policy.Infer(At(step), "")[0][0];
            // Unless the plan ran dry this step, the action is the one its chunk meant for this very step
            // (actions whose step passed while inference ran are never executed).
            if (policy.StarvedSteps == starvedBefore) Assert.That(action, Is.EqualTo(step), $"step {step}");
        }
        Assert.That(policy.ChunksMerged, Is.GreaterThan(4));
        Assert.That(policy.ActionsDropped, Is.GreaterThan(0), "a 100 ms inference at 30 Hz arrives ~3 steps late");
    }

    [Test]
    public void The_first_chunk_is_waited_for_later_ones_are_not()
    {
        var inner = new SlowNumberedPolicy(TimeSpan.FromMilliseconds(150), 20);
        using var policy = new AsyncChunkPolicy(inner);
        policy.Reset();
        var first = System.Diagnostics.Stopwatch.StartNew();
        policy.Infer(At(0), "");
        Assert.That(first.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(140));
        var calls = new List<long>();
        for (int step = 1; step < 12; step++)
        {
            var t = System.Diagnostics.Stopwatch.StartNew();
            policy.Infer(At(step), "");
            calls.Add(t.ElapsedMilliseconds);
        }
        Assert.That(calls.Max(), Is.LessThan(100), "later queries return the plan at once while inference runs behind");
    }

    [Test]
    public void A_failing_background_inference_surfaces_at_the_next_query()
    {
        int n = 0;
        using var policy = new AsyncChunkPolicy(new ThrowingSecondTime(() => ++n));
        policy.Reset();
        policy.Infer(At(0), "");                // first chunk (2 actions), starts the second in the background
        Thread.Sleep(100);
        Assert.Throws<InvalidOperationException>(() => policy.Infer(At(1), ""));
    }

    private sealed class ThrowingSecondTime(Func<int> count) : IPolicy
    {
        public string Name => "test:throws";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task) =>
            count() == 2 ? throw new InvalidOperationException("boom") : new ActionChunk([[0.0], [1.0]]);
        public void Dispose() { }
    }
}
