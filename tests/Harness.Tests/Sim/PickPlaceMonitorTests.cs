using Harness.Core.Tasks;
using Harness.Sim.Scenes.So101;

namespace Harness.Tests.Sim;

/// <summary>The taxonomy's definitions, checked on hand-made frame sequences.</summary>
public class PickPlaceMonitorTests
{
    private const double Rest = 0.0125, BowlX = 0.14, BowlY = 0.16;

    private static PickPlaceFrame F(double t, double x, double y, double z, bool fixedJaw, bool movingJaw) =>
        new(t, x, y, z, fixedJaw, movingJaw, fixedJaw || movingJaw, BowlX, BowlY);

    private static (TaskOutcome Outcome, bool Done) Play(IEnumerable<PickPlaceFrame> frames, int steps = 300)
    {
        var m = new PickPlaceMonitor();
        m.Reset(Rest);
        bool done = false;
        foreach (var f in frames) done |= m.Update(f);
        return (m.Conclude(new EpisodeEnd(steps, !done)), done);
    }

    private static IEnumerable<PickPlaceFrame> Grasp(double x, double y, int n = 5) =>
        Enumerable.Range(0, n).Select(i => F(i / 30.0, x, y, Rest + 0.05, true, true));

    private static IEnumerable<PickPlaceFrame> Free(double x, double y, double z, int n, double t0 = 1) =>
        Enumerable.Range(0, n).Select(i => F(t0 + i / 30.0, x, y, z, false, false));

    [Test]
    public void Untouched_block_is_never_picked_up()
    {
        var (o, _) = Play(Free(0.2, 0, Rest, 50));
        Assert.That(o.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(o.Metric("picked_up"), Is.EqualTo(0));
    }

    [Test]
    public void Lifting_with_one_jaw_only_is_not_a_pick_up()
    {
        var frames = Enumerable.Range(0, 10).Select(i => F(i / 30.0, 0.2, 0, Rest + 0.05, true, false));
        Assert.That(Play(frames).Outcome.Label, Is.EqualTo("NEVER_PICKED_UP"));
    }

    [Test]
    public void Release_high_away_from_the_bowl_is_a_drop()
    {
        var frames = Grasp(0.2, 0).Concat(Free(0.2, 0, Rest + 0.06, 3)).Concat(Free(0.2, 0, Rest, 20, 2));
        var (o, _) = Play(frames);
        Assert.That(o.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(o.Metric("dropped"), Is.EqualTo(1));
        Assert.That(o.Metric("time_to_pick_s"), Is.EqualTo(0));
    }

    [Test]
    public void Release_low_outside_the_bowl_is_a_missed_goal()
    {
        var low = Enumerable.Range(0, 5).Select(i => F(1 + i / 30.0, 0.25, 0.1, Rest + 0.021, true, true));
        var frames = Grasp(0.2, 0).Concat(low).Concat(Free(0.25, 0.1, Rest, 20, 2));
        var (o, _) = Play(frames);
        Assert.That(o.Label, Is.EqualTo("MISSED_GOAL"));
        Assert.That(o.Metric("final_goal_distance_m"), Is.EqualTo(Math.Sqrt(0.11 * 0.11 + 0.06 * 0.06)).Within(1e-9));
    }

    [Test]
    public void Holding_at_the_step_limit_is_a_timeout()
    {
        Assert.That(Play(Grasp(0.2, 0, 40)).Outcome.Label, Is.EqualTo("TIMEOUT"));
    }

    [Test]
    public void Resting_in_the_bowl_for_ten_steps_is_success_and_ends_the_episode()
    {
        var over = Enumerable.Range(0, 5).Select(i => F(1 + i / 30.0, BowlX, BowlY, 0.08, true, true));
        var frames = Grasp(0.2, 0).Concat(over).Concat(Free(BowlX + 0.01, BowlY, Rest + 0.006, PickPlaceMonitor.SuccessSteps, 2));
        var (o, done) = Play(frames);
        Assert.That(done, Is.True);
        Assert.That(o.Label, Is.EqualTo("SUCCESS"));
        Assert.That(o.Metric("dropped"), Is.EqualTo(0), "a release above the bowl is a placement, not a drop");
    }

    [Test]
    public void Release_above_the_bowl_that_bounces_out_is_a_missed_goal()
    {
        var over = Enumerable.Range(0, 5).Select(i => F(1 + i / 30.0, BowlX, BowlY, 0.08, true, true));
        var frames = Grasp(0.2, 0).Concat(over).Concat(Free(BowlX + 0.09, BowlY, Rest, 20, 2));
        Assert.That(Play(frames).Outcome.Label, Is.EqualTo("MISSED_GOAL"));
    }
}
