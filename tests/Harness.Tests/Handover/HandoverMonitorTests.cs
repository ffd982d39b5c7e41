using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Tasks.Handover;

namespace Harness.Tests.Handover;

/// <summary>
/// Every rule and threshold of the handover taxonomy on hand-made frames (no simulator): the
/// expectations are written out from the README's definitions (lift 2 cm on 3 steps, loss after 3
/// steps, success after 10 steps, the receiver within 6 cm), never read from the monitor's constants.
/// </summary>
public class HandoverMonitorTests
{
    /// <summary>What a gripper does to the cube in a frame.</summary>
    public enum Hand { None, OneJaw, Held, ArmOnly }

    // The kit's geometry: table top at z = 0.02, a 4 cm cube resting with its centre 2 cm above it.
    private static readonly HandoverParameters P = new()
    {
        ObjectBody = "box",
        ObjectGeom = "red_box",
        Giver = new HandoverGripper("right", "right_site", ["right_a"], ["right_b"], "right_base"),
        Receiver = new HandoverGripper("left", "left_site", ["left_a"], ["left_b"], "left_base"),
        TableBody = "table",
        TableTopZ = 0.02,
        ObjectRestHeightM = 0.02,
    };

    /// <summary>
    /// A frame with the cube's centre <paramref name="cm"/> above its resting height (on the table
    /// when at or below rest, unless told), the left tool site <paramref name="leftAway"/> metres
    /// from the cube's centre.
    /// </summary>
    private static HandoverFrame F(double cm, Hand right = Hand.None, Hand left = Hand.None, bool? table = null, double leftAway = 0.30, bool arms = false)
    {
        var cube = new Point3(0, -0.06, 0.04 + cm / 100);
        static GripperFrame G(Hand h, Point3 tool) =>
            new(h is Hand.OneJaw or Hand.Held, h == Hand.Held, h == Hand.ArmOnly, tool);
        return new HandoverFrame(0, cube, G(right, new Point3(cube.X, cube.Y, cube.Z - 0.015)), G(left, new Point3(cube.X, cube.Y + leftAway, cube.Z)),
            table ?? cm <= 0, arms);
    }

    private static IEnumerable<HandoverFrame> Repeat(int n, HandoverFrame f) => Enumerable.Repeat(f, n);

    /// <summary>The right gripper grasps the cube on the table for 3 steps, then holds it 12 cm up for 10 steps.</summary>
    private static IEnumerable<HandoverFrame> RightPick() => [.. Repeat(3, F(0, Hand.Held)), .. Repeat(10, F(12, Hand.Held))];

    /// <summary>Feeds frames at 30 Hz (time = steps / 30); returns the monitor and the value Update returned on the last frame.</summary>
    private static (HandoverMonitor Monitor, bool Done) Run(IEnumerable<HandoverFrame> frames)
    {
        var m = new HandoverMonitor(P);
        m.Reset();
        bool done = false;
        int step = 0;
        foreach (var f in frames) done = m.Update(f with { Time = ++step / 30.0 });
        return (m, done);
    }

    private static TaskOutcome Outcome(IEnumerable<HandoverFrame> frames, bool stepLimit = true)
    {
        var list = frames.ToList();
        var (m, _) = Run(list);
        return m.Conclude(new EpisodeEnd(list.Count, stepLimit));
    }

    // ---- gym-aloha's reward stage ------------------------------------------------------------

    [TestCase(Hand.None, Hand.None, true, 0)]
    [TestCase(Hand.OneJaw, Hand.None, true, 1)]
    [TestCase(Hand.Held, Hand.None, true, 1)]
    [TestCase(Hand.OneJaw, Hand.None, false, 2)]
    [TestCase(Hand.Held, Hand.OneJaw, true, 3)]
    [TestCase(Hand.None, Hand.OneJaw, true, 3)]
    [TestCase(Hand.None, Hand.OneJaw, false, 4)]
    [TestCase(Hand.Held, Hand.Held, false, 4)]
    [TestCase(Hand.ArmOnly, Hand.None, false, 0)]
    [TestCase(Hand.None, Hand.ArmOnly, false, 0)]
    public void The_reward_is_gym_alohas_stage(Hand right, Hand left, bool onTable, int reward)
    {
        Assert.That(TransferCubeReward.Of(F(5, right, left, onTable)), Is.EqualTo(reward));
        var (m, _) = Run([F(5, right, left, onTable)]);
        Assert.That(m.Reward, Is.EqualTo(reward));
    }

    [Test]
    public void The_episode_scores_its_highest_reward_and_4_is_gym_alohas_success()
    {
        // One step of both holding it in the air (stage 4), then both let go and it falls back.
        var outcome = Outcome([.. RightPick(), F(12, Hand.Held, Hand.Held, leftAway: 0.02), .. Repeat(5, F(0))]);
        Assert.That(outcome.Metric(HandoverSchema.MaxReward), Is.EqualTo(4));
        Assert.That(outcome.Metric(HandoverSchema.AlohaSuccess), Is.EqualTo(1));
        Assert.That(outcome.Label, Is.EqualTo(HandoverSchema.DroppedAfterHandover), "gym-aloha's success is not ours");

        // A left finger on the cube while it lies on the table: stage 3, short of gym-aloha's success.
        var three = Outcome([F(0, Hand.OneJaw), F(0, Hand.None, Hand.OneJaw), F(0)]);
        Assert.That((three.Metric(HandoverSchema.MaxReward), three.Metric(HandoverSchema.AlohaSuccess)), Is.EqualTo((3.0, 0.0)));

        var lifted = Outcome([.. RightPick(), .. Repeat(5, F(0))]);
        Assert.That(lifted.Metric(HandoverSchema.MaxReward), Is.EqualTo(2));
        Assert.That(lifted.Metric(HandoverSchema.AlohaSuccess), Is.EqualTo(0));
    }

    // ---- pick: 2 cm on 3 consecutive steps --------------------------------------------------------

    [Test]
    public void A_pick_needs_the_cube_at_least_2_cm_up()
    {
        var low = Outcome([.. Repeat(3, F(0, Hand.Held)), .. Repeat(10, F(1.99, Hand.Held))]);
        Assert.That(low.Label, Is.EqualTo(HandoverSchema.NeverPickedUp));
        Assert.That(low.Metric(HandoverSchema.PickedUp), Is.EqualTo(0));
        Assert.That(low.Detail, Is.EqualTo("both right jaws held the box but never 2.0 cm above the table for 3 steps (highest 2.0 cm)"));

        var high = Outcome([.. Repeat(3, F(0, Hand.Held)), .. Repeat(10, F(2.01, Hand.Held))]);
        Assert.That(high.Metric(HandoverSchema.PickedUp), Is.EqualTo(1));
        Assert.That(high.Label, Is.EqualTo(HandoverSchema.HandoverMissed));
    }

    [Test]
    public void A_pick_needs_3_consecutive_lifted_steps()
    {
        var two = Outcome([.. Repeat(3, F(0, Hand.Held)), F(3, Hand.Held), F(3, Hand.Held), F(1, Hand.Held), F(3, Hand.Held), F(3, Hand.Held), .. Repeat(5, F(0, Hand.Held))]);
        Assert.That(two.Label, Is.EqualTo(HandoverSchema.NeverPickedUp), "two lifted steps, twice, are no pick");

        var three = Outcome([.. Repeat(3, F(0, Hand.Held)), F(3, Hand.Held), F(3, Hand.Held), F(3, Hand.Held), .. Repeat(5, F(0, Hand.Held))]);
        Assert.That(three.Metric(HandoverSchema.PickedUp), Is.EqualTo(1));
        Assert.That(three.Metric(HandoverSchema.TimeToPickS), Is.EqualTo(4 / 30.0).Within(1e-12), "the lift began at step 4");
    }

    [Test]
    public void Never_picked_up_says_how_far_the_right_arm_got()
    {
        Assert.That(Outcome(Repeat(5, F(0))).Detail, Is.EqualTo("the right arm never touched the box"));
        Assert.That(Outcome(Repeat(5, F(0, Hand.OneJaw))).Detail, Is.EqualTo("the right arm touched the box but both right jaws never held it (highest 0.0 cm above the table)"));
        var empty = new HandoverMonitor(P).Conclude(new EpisodeEnd(0, false));
        Assert.That((empty.Label, empty.Detail), Is.EqualTo((HandoverSchema.NeverPickedUp, "the episode ended before its first step")));
    }

    // ---- grasp loss: 3 steps without both jaws ----------------------------------------------------

    [Test]
    public void A_grasp_survives_2_steps_without_both_jaws_and_is_lost_after_3()
    {
        var (two, _) = Run([.. RightPick(), F(12, Hand.OneJaw), F(12, Hand.OneJaw), .. Repeat(3, F(12, Hand.Held))]);
        Assert.That(two.Events.Count(e => e.Kind == HandoverEventKind.GraspAcquired), Is.EqualTo(1));
        Assert.That(two.Events.Count(e => e.Kind == HandoverEventKind.GraspLost), Is.EqualTo(0));

        var (three, _) = Run([.. RightPick(), F(12, Hand.OneJaw), F(12, Hand.OneJaw), F(12, Hand.OneJaw), .. Repeat(3, F(12, Hand.Held))]);
        var lost = three.Events.Single(e => e.Kind == HandoverEventKind.GraspLost);
        Assert.That((lost.Gripper, lost.Step), Is.EqualTo(("right", 13)), "dated at the last held step");
        Assert.That(lost.Description, Is.EqualTo("right grasp lost 12.0 cm above the table at 0.43 s"));
        Assert.That(three.Events.Count(e => e.Kind == HandoverEventKind.GraspAcquired), Is.EqualTo(2));
    }

    // ---- DROPPED_BEFORE_HANDOVER and HANDOVER_MISSED: the receiver within 6 cm ---------------------

    [TestCase(0.059, HandoverSchema.HandoverMissed)]
    [TestCase(0.061, HandoverSchema.DroppedBeforeHandover)]
    public void A_pick_lost_without_a_handover_is_missed_when_the_receiver_was_within_6_cm(double leftAway, string label)
    {
        var outcome = Outcome([.. RightPick(), F(12, Hand.Held, leftAway: leftAway), F(11, leftAway: leftAway), .. Repeat(5, F(0, leftAway: 0.2))]);
        Assert.That(outcome.Label, Is.EqualTo(label));
        Assert.That(outcome.Metric(HandoverSchema.Handover), Is.EqualTo(0));
        string lost = $"the right grasp was lost 12.0 cm above the table at 0.47 s with the left tool site {leftAway * 100:0.0} cm from the box";
        Assert.That(outcome.Detail, Is.EqualTo(label == HandoverSchema.HandoverMissed
            ? lost + ": the left gripper was there but never held it"
            : lost + ", before any handover"));
    }

    [Test]
    public void The_right_gripper_still_holding_its_pick_without_a_handover_is_a_missed_handover()
    {
        var outcome = Outcome([.. RightPick(), .. Repeat(5, F(12, Hand.Held, Hand.OneJaw, leftAway: 0.03))]);
        Assert.That(outcome.Label, Is.EqualTo(HandoverSchema.HandoverMissed));
        Assert.That(outcome.Detail, Is.EqualTo("the step limit (18 steps) was reached with the box still held by the right gripper 12.0 cm above the table; " +
                                               "the left gripper never held it (its tool site came within 3.0 cm of the box)"));
    }

    [Test]
    public void A_handover_needs_both_grippers_holding_on_the_same_step()
    {
        // The right lets go (one jaw left) the step the left closes: the right's grasp is still in
        // progress (debounced) but it no longer holds the cube.
        var frames = new List<HandoverFrame>([.. RightPick(), F(12, Hand.Held, Hand.OneJaw, leftAway: 0.02), F(12, Hand.OneJaw, Hand.Held, leftAway: 0.02),
            .. Repeat(4, F(12, Hand.None, Hand.Held, leftAway: 0.02))]);
        var outcome = Outcome(frames);
        Assert.That(outcome.Metric(HandoverSchema.Handover), Is.EqualTo(0));
        Assert.That(outcome.Label, Is.EqualTo(HandoverSchema.HandoverMissed));

        frames[14] = F(12, Hand.Held, Hand.Held, leftAway: 0.02);
        var handed = Outcome(frames);
        Assert.That(handed.Metric(HandoverSchema.Handover), Is.EqualTo(1));
        Assert.That(handed.Metric(HandoverSchema.TimeToHandoverS), Is.EqualTo(15 / 30.0).Within(1e-12));
    }

    // ---- SUCCESS: the receiver alone, off the table, 10 consecutive steps ---------------------------

    private static IEnumerable<HandoverFrame> Handover() => [.. RightPick(), .. Repeat(5, F(12, Hand.Held, Hand.Held, leftAway: 0.02))];

    [Test]
    public void Success_needs_10_consecutive_steps_of_the_receiver_alone()
    {
        var (nine, nineDone) = Run([.. Handover(), .. Repeat(9, F(13, Hand.None, Hand.Held, leftAway: 0.02))]);
        Assert.That((nineDone, nine.Succeeded), Is.EqualTo((false, false)));
        var timeout = nine.Conclude(new EpisodeEnd(27, true));
        Assert.That(timeout.Label, Is.EqualTo(HandoverSchema.Timeout));
        Assert.That(timeout.Detail, Is.EqualTo("the step limit (27 steps) was reached with the box held by the left gripper 13.0 cm above the table " +
                                               "(handover at 0.47 s; the left gripper alone held it off the table for the last 9 of 10 steps)"));

        var (ten, tenDone) = Run([.. Handover(), .. Repeat(10, F(13, Hand.None, Hand.Held, leftAway: 0.02))]);
        Assert.That(tenDone, Is.True, "the tenth step ends the episode");
        var success = ten.Conclude(new EpisodeEnd(28, false));
        Assert.That(success.Label, Is.EqualTo(OutcomeClass.SuccessLabel));
        Assert.That(success.Detail, Is.EqualTo("the left gripper held the box alone 13.0 cm above the table for 10 steps (handover at 0.47 s)"));
    }

    [TestCase(Hand.OneJaw, Hand.Held, false, TestName = "A_right_finger_on_the_cube_breaks_the_run")]
    [TestCase(Hand.ArmOnly, Hand.Held, false, TestName = "Any_part_of_the_right_arm_on_the_cube_breaks_the_run")]
    [TestCase(Hand.None, Hand.Held, true, TestName = "The_cube_touching_the_table_breaks_the_run")]
    [TestCase(Hand.None, Hand.OneJaw, false, TestName = "One_left_jaw_is_not_holding_and_breaks_the_run")]
    public void Success_run_conditions(Hand right, Hand left, bool table)
    {
        var alone = F(13, Hand.None, Hand.Held, leftAway: 0.02);
        var (m, done) = Run([.. Handover(), .. Repeat(5, alone), F(13, right, left, table, leftAway: 0.02), .. Repeat(9, alone)]);
        Assert.That((done, m.Succeeded), Is.EqualTo((false, false)), "5 + 9 steps around the break");
        var (again, _) = Run([.. Handover(), .. Repeat(5, alone), F(13, right, left, table, leftAway: 0.02), .. Repeat(10, alone)]);
        Assert.That(again.Succeeded, Is.True);
    }

    [Test]
    public void The_left_picking_the_cube_up_itself_succeeds_without_a_handover()
    {
        var outcome = Outcome([.. Repeat(3, F(0, Hand.None, Hand.Held, leftAway: 0.02)), .. Repeat(10, F(10, Hand.None, Hand.Held, leftAway: 0.02))], stepLimit: false);
        Assert.That(outcome.Label, Is.EqualTo(OutcomeClass.SuccessLabel));
        Assert.That(outcome.Detail, Does.EndWith("(without a handover: the right gripper never held it together with the left)"));
        Assert.That((outcome.Metric(HandoverSchema.PickedUp), outcome.Metric(HandoverSchema.Handover)), Is.EqualTo((0.0, 0.0)));
    }

    // ---- after a handover ---------------------------------------------------------------------------

    [Test]
    public void Both_grippers_still_holding_at_the_limit_is_a_timeout()
    {
        var outcome = Outcome([.. Handover(), .. Repeat(20, F(12, Hand.Held, Hand.Held, leftAway: 0.02))]);
        Assert.That(outcome.Label, Is.EqualTo(HandoverSchema.Timeout));
        Assert.That(outcome.Detail, Is.EqualTo("the step limit (38 steps) was reached with the box held by both grippers 12.0 cm above the table (handover at 0.47 s)"));
    }

    [Test]
    public void Neither_gripper_holding_after_a_handover_is_a_drop_after_it()
    {
        var outcome = Outcome([.. Handover(), .. Repeat(4, F(13, Hand.None, Hand.Held, leftAway: 0.02)), F(8), .. Repeat(5, F(0))]);
        Assert.That(outcome.Label, Is.EqualTo(HandoverSchema.DroppedAfterHandover));
        Assert.That(outcome.Detail, Is.EqualTo("after the handover at 0.47 s the left grasp, the last one, was lost 13.0 cm above the table at 0.73 s; " +
                                               "the box ended 0.0 cm above the table"));
        // Two grasp-loss steps later the left grasp would still be in progress: a timeout, not a drop.
        var early = Outcome([.. Handover(), .. Repeat(4, F(13, Hand.None, Hand.Held, leftAway: 0.02)), F(8), F(0)]);
        Assert.That(early.Label, Is.EqualTo(HandoverSchema.Timeout));
    }

    // ---- flags and metrics ------------------------------------------------------------------------

    [Test]
    public void Touching_arms_set_the_collision_flag_and_the_detail_names_when()
    {
        var outcome = Outcome([F(0), F(0), F(0, arms: true), F(0)]);
        Assert.That(outcome.Metric(HandoverSchema.ArmCollision), Is.EqualTo(1));
        Assert.That(outcome.Detail, Is.EqualTo("the right arm never touched the box; the arms collided at 0.10 s"));
        Assert.That(Outcome([F(0), F(0)]).Metric(HandoverSchema.ArmCollision), Is.EqualTo(0));
    }

    [Test]
    public void Metrics_of_a_successful_episode()
    {
        var outcome = Outcome([.. Handover(), .. Repeat(10, F(13, Hand.None, Hand.Held, leftAway: 0.02))], stepLimit: false);
        Assert.That(outcome.Metrics, Is.EquivalentTo(new Dictionary<string, double>
        {
            ["max_reward"] = 4,
            ["aloha_success"] = 1,
            ["picked_up"] = 1,
            ["handover"] = 1,
            ["arm_collision"] = 0,
            ["time_to_pick_s"] = 4 / 30.0,
            ["time_to_handover_s"] = 14 / 30.0,
            ["max_cube_height_m"] = 0.13,
        }).Using<KeyValuePair<string, double>>((a, b) => a.Key == b.Key && Math.Abs(a.Value - b.Value) < 1e-9));
        var none = Outcome(Repeat(3, F(0)));
        Assert.That(none.Metrics.Keys, Does.Not.Contain("time_to_pick_s").And.Not.Contain("time_to_handover_s"), "absent, never 0");
    }

    [Test]
    public void Events_tell_the_story_in_order()
    {
        var (m, _) = Run([.. Handover(), .. Repeat(10, F(13, Hand.None, Hand.Held, leftAway: 0.02))]);
        Assert.That(m.Events.Select(e => $"{e.Step} {e.Kind} {e.Gripper}"), Is.EqualTo(new[]
        {
            "1 GraspAcquired right", "6 PickedUp right", "14 GraspAcquired left", "14 Handover ", "18 GraspLost right",
        }));
        Assert.That(m.Events[3].Description, Is.EqualTo("handover: both grippers hold the box 12.0 cm above the table at 0.47 s"));
    }

    [Test]
    public void Reset_forgets_the_previous_episode()
    {
        var (m, _) = Run([.. Handover(), F(12, arms: true)]);
        m.Reset();
        m.Update(F(0) with { Time = 1 / 30.0 });
        var outcome = m.Conclude(new EpisodeEnd(1, false));
        Assert.That((outcome.Label, outcome.Detail), Is.EqualTo((HandoverSchema.NeverPickedUp, "the right arm never touched the box")));
        Assert.That(outcome.Metric(HandoverSchema.MaxReward), Is.EqualTo(0));
        Assert.That(m.Events, Is.Empty);
    }
}
