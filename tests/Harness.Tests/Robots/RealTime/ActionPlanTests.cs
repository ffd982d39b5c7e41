using Harness.Core.Policies;

namespace Harness.Tests.Robots.RealTime;

/// <summary>The late-chunk merge rule, on chunks whose actions are numbered by hand.</summary>
public class ActionPlanTests
{
    private static ActionChunk Chunk(params double[] values) => new(values.Select(v => new[] { v }).ToArray());

    [Test]
    public void A_chunk_on_time_is_executed_from_its_first_action()
    {
        var plan = new ActionPlan();
        Assert.That(plan.Merge(Chunk(10, 11, 12), predictedAtStep: 0, arrivedAtStep: 0), Is.EqualTo(new ChunkMerge(0, 3)));
        Assert.That(plan.ActionFor(0, out _), Is.EqualTo(new[] { 10.0 }));
        Assert.That(plan.ActionFor(2, out _), Is.EqualTo(new[] { 12.0 }));
        Assert.That(plan.Remaining(1), Is.EqualTo(2));
    }

    [Test]
    public void A_late_chunk_drops_the_actions_whose_step_has_passed_and_replaces_the_rest()
    {
        var plan = new ActionPlan();
        plan.Merge(Chunk(0, 1, 2, 3, 4, 5), 0, 0);
        // Asked at step 3, arrives at step 5: actions for steps 3 and 4 are stale.
        Assert.That(plan.Merge(Chunk(103, 104, 105, 106, 107), 3, 5), Is.EqualTo(new ChunkMerge(2, 3)));
        Assert.That(new[] { 5, 6, 7 }.Select(s => plan.ActionFor(s, out _)![0]), Is.EqualTo(new[] { 105.0, 106.0, 107.0 }));
        Assert.That(plan.From(5).Actions.Select(a => a[0]), Is.EqualTo(new[] { 105.0, 106.0, 107.0 }));
    }

    [Test]
    public void A_chunk_with_nothing_left_leaves_the_plan_alone()
    {
        var plan = new ActionPlan();
        plan.Merge(Chunk(0, 1, 2, 3, 4, 5, 6, 7), 0, 0);
        Assert.That(plan.Merge(Chunk(100, 101), 2, 6), Is.EqualTo(new ChunkMerge(2, 0)));
        Assert.That(plan.ActionFor(6, out _), Is.EqualTo(new[] { 6.0 }));
    }

    [Test]
    public void Blending_ramps_from_the_old_plan_to_the_new_chunk()
    {
        var plan = new ActionPlan(blendSteps: 3);
        plan.Merge(Chunk(0, 0, 0, 0, 0, 0, 0, 0), 0, 0);
        plan.Merge(Chunk(100, 100, 100, 100, 100, 100), 2, 2);
        // weights of the new chunk (i+1)/(k+1) = 1/4, 2/4, 3/4, then the new chunk alone
        Assert.That(Enumerable.Range(2, 5).Select(s => plan.ActionFor(s, out _)![0]), Is.EqualTo(new[] { 25.0, 50.0, 75.0, 100.0, 100.0 }));
    }

    [Test]
    public void Blending_past_the_end_of_the_old_plan_takes_the_new_chunk()
    {
        var plan = new ActionPlan(blendSteps: 3);
        plan.Merge(Chunk(0, 0), 0, 0);
        plan.Merge(Chunk(100, 100, 100), 1, 1);
        Assert.That(Enumerable.Range(1, 3).Select(s => plan.ActionFor(s, out _)![0]), Is.EqualTo(new[] { 25.0, 100.0, 100.0 }));
    }

    [Test]
    public void A_plan_that_runs_out_holds_its_last_action_and_says_so()
    {
        var plan = new ActionPlan();
        plan.Merge(Chunk(1, 2), 0, 0);
        Assert.That(plan.ActionFor(1, out bool s1), Is.EqualTo(new[] { 2.0 }));
        Assert.That(s1, Is.False);
        Assert.That(plan.ActionFor(5, out bool s5), Is.EqualTo(new[] { 2.0 }));
        Assert.That(s5, Is.True);
        Assert.That(plan.From(5).Actions.Single(), Is.EqualTo(new[] { 2.0 }));
    }
}
