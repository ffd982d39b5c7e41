using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Tasks.PickPlace;

namespace Harness.Tests.Sim;

/// <summary>
/// The pick-and-place definitions on hand-made frame sequences, with the SO-101 scene's parameters.
/// Every expectation is a literal (label, step, metres) derived from the README's definitions, so
/// changing a threshold or a rule fails a test here. Heights are given above the block's resting
/// height (its centre rests 1.25 cm above the table top at z = 0); the bowl is at (0.14, 0.16).
/// </summary>
public class PickPlaceMonitorTests
{
    private const double BowlX = 0.14, BowlY = 0.16;

    // The SO-101 scene's parameters as scenes/so101-pick-place/scene.yaml gives them (PickPlaceSceneTests checks
    // that it does), thresholds at their defaults.
    private static readonly PickPlaceParameters So101 = new()
    {
        ObjectBody = "block", ObjectGeoms = ["block"], GoalBody = "bowl", GoalRadiusM = 0.052, GoalMaxHeightM = 0.036,
        TableTopZ = 0, TableX = new AxisRange(-0.2, 0.6), TableY = new AxisRange(-0.35, 0.35),
        GripperBodies = ["gripper", "moving_jaw"], FixedJawGeomPrefixes = ["fixed_jaw"], MovingJawGeomPrefixes = ["moving_jaw"],
        ToolSite = "tcp", GripperActionKey = "gripper.pos", ObjectRestHeightM = 0.0125,
    };
    // A spot on the table away from the bowl: sqrt(0.11^2 + 0.06^2) = 12.53 cm from its centre.
    private const double AwayX = 0.25, AwayY = 0.10;

    [Flags]
    public enum Touch { None = 0, Fixed = 1, Moving = 2, Both = 3, Palm = 4, Support = 8 }

    /// <summary>A hand-made episode: frames at 30 Hz (frame i at i/30 s), fed to the monitor the way MujocoEnv does.</summary>
    private sealed class Episode
    {
        private readonly List<PickPlaceFrame> _frames = [];

        public Episode At(int n, double x, double y, double h, Touch touch = Touch.None, double opening = 0.5, Point3? tool = null)
        {
            for (int i = 0; i < n; i++)
            {
                var obj = new Point3(x, y, 0.0125 + h);
                _frames.Add(new PickPlaceFrame((_frames.Count + 1) / 30.0, obj, tool ?? obj, BowlX, BowlY,
                    touch.HasFlag(Touch.Fixed), touch.HasFlag(Touch.Moving), (touch & (Touch.Both | Touch.Palm)) != 0, touch.HasFlag(Touch.Support), opening));
            }
            return this;
        }

        /// <summary>Block resting at (x, y) untouched, then grasped on the table, then lifted 5 cm and held: a pick.</summary>
        public Episode Pick(double x, double y) =>
            At(2, x, y, 0, Touch.Support).At(2, x, y, 0, Touch.Both | Touch.Support).At(5, x, y, 0.05, Touch.Both);

        public Episode Drop(double x, double y, double h) => At(1, x, y, h / 2).At(10, x, y, 0, Touch.Support);

        /// <summary>Feeds frames until the monitor ends the episode; DoneAt is the 1-based frame that ended it.</summary>
        public Result Play()
        {
            var m = new PickPlaceMonitor(So101);
            m.Reset();
            int? doneAt = null;
            for (int i = 0; i < _frames.Count && doneAt is null; i++)
                if (m.Update(_frames[i])) doneAt = i + 1;
            var outcome = m.Conclude(new EpisodeEnd(doneAt ?? _frames.Count, doneAt is null));
            return new Result(outcome, doneAt, m.Events);
        }
    }

    private sealed record Result(TaskOutcome Outcome, int? DoneAt, IReadOnlyList<PickPlaceEvent> Events)
    {
        public string Label => Outcome.Label;
        public double? Metric(string key) => Outcome.Metric(key);
    }

    private static Episode New() => new();

    // ---- terms and thresholds ----

    [Test]
    public void Untouched_block_is_never_picked_up_and_unmeasured_metrics_are_absent()
    {
        var r = New().At(50, 0.2, 0, 0, Touch.Support, tool: new Point3(0.2, 0, 0.1125)).Play();
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(r.DoneAt, Is.Null);
        Assert.That(r.Metric("picked_up"), Is.EqualTo(0));
        Assert.That(r.Metric("closest_tool_distance_m"), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(r.Outcome.Metrics.Keys, Does.Not.Contain("time_to_pick_s").And.Not.Contain("time_to_first_contact_s"));
        Assert.That(r.Outcome.Detail, Is.EqualTo("the gripper never touched the block (closest approach 10.0 cm)"));
    }

    [Test]
    public void Lifting_with_one_jaw_is_not_a_pick()
    {
        var r = New().At(2, AwayX, AwayY, 0, Touch.Support).At(10, AwayX, AwayY, 0.05, Touch.Fixed).Play();
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(r.Outcome.Detail, Does.StartWith("the gripper touched the block but both jaws never held it"));
    }

    // LiftM = 2 cm: held 2.1 cm above rest is a pick (then set down away from the bowl: MISSED_GOAL), 1.9 cm is not.
    [TestCase(0.021, "MISSED_GOAL")]
    [TestCase(0.019, "NEVER_PICKED_UP")]
    public void A_pick_needs_a_lift_of_2_cm(double lift, string expected)
    {
        var r = New().At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(5, AwayX, AwayY, lift, Touch.Both)
            .At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    // PickSteps = 3: three consecutive held steps 5 cm up make a pick, two do not (a squeeze that pops the block up).
    [TestCase(3, "MISSED_GOAL")]
    [TestCase(2, "NEVER_PICKED_UP")]
    public void A_pick_needs_3_consecutive_lifted_steps(int steps, string expected)
    {
        var r = New().At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(steps, AwayX, AwayY, 0.05, Touch.Both)
            .At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    [Test]
    public void Lifted_steps_interrupted_by_a_one_jaw_step_do_not_add_up_to_a_pick()
    {
        var r = New().At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(2, AwayX, AwayY, 0.05, Touch.Both).At(1, AwayX, AwayY, 0.05, Touch.Moving)
            .At(2, AwayX, AwayY, 0.05, Touch.Both).At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
    }

    // ReleaseSteps = 3: a block set down and let go for 2 steps at the end is still in its grasp (TIMEOUT); 3 steps end it.
    [TestCase(2, "TIMEOUT")]
    [TestCase(3, "MISSED_GOAL")]
    public void A_grasp_is_lost_after_3_steps_without_both_jaws(int stepsOpen, string expected)
    {
        var r = New().Pick(AwayX, AwayY).At(3, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(stepsOpen, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    [Test]
    public void Two_steps_of_one_jaw_during_a_carry_do_not_break_the_grasp()
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.05, Touch.Fixed).At(5, AwayX, AwayY, 0.05, Touch.Both).Play();
        Assert.That(r.Label, Is.EqualTo("TIMEOUT"));
        Assert.That(r.Events.Count(e => e.Kind == PickPlaceEventKind.GraspAcquired), Is.EqualTo(1));
        Assert.That(r.Events.Count(e => e.Kind == PickPlaceEventKind.GraspLost), Is.EqualTo(0));
    }

    // DropHeightM = 2 cm: a block let go 2.1 cm above the table (measured where both jaws last held it) and
    // landing right below is a drop; at 1.9 cm it is a placement.
    [TestCase(0.021, "DROPPED_DURING_TRANSPORT")]
    [TestCase(0.019, "MISSED_GOAL")]
    public void A_lost_grasp_is_a_drop_when_the_block_falls_2_cm(double h, string expected)
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, h, Touch.Both).At(1, AwayX, AwayY, h / 2).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
        Assert.That(r.Metric("dropped"), Is.EqualTo(expected == "MISSED_GOAL" ? 0 : 1));
    }

    // PlaceTravelM = 3 cm: let go 1 cm up (a short fall), landing 2.9 cm away is a placement, 3.1 cm away a drop.
    [TestCase(0.029, "MISSED_GOAL")]
    [TestCase(0.031, "DROPPED_DURING_TRANSPORT")]
    public void A_lost_grasp_is_a_drop_when_the_block_lands_3_cm_away(double travel, string expected)
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.01, Touch.Both).At(1, AwayX + travel / 2, AwayY, 0.005)
            .At(10, AwayX + travel, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    // SuccessSteps = 10: ten consecutive steps in the bowl, not held, end the episode on the tenth.
    [Test]
    public void Ten_steps_at_rest_in_the_bowl_end_the_episode_as_a_success()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX, BowlY, 0.06, Touch.Both).At(1, BowlX, BowlY, 0.03)
            .At(20, BowlX + 0.01, BowlY, 0.006, Touch.Support).Play();
        // 9 frames of the pick, 3 carried over the bowl, 1 falling: the 10th frame in the bowl is frame 23.
        Assert.That(r.DoneAt, Is.EqualTo(23));
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.Outcome.Detail, Is.EqualTo("the block rested in the bowl 1.0 cm from its centre for 10 steps; first picked up at 0.17 s"));
    }

    [Test]
    public void Nine_steps_in_the_bowl_then_out_is_not_a_success()
    {
        var r = New().At(9, BowlX, BowlY, 0, Touch.Support).At(20, AwayX, AwayY, 0, Touch.Support | Touch.Palm).Play();
        Assert.That(r.DoneAt, Is.Null);
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
    }

    // GoalRadiusM = 5.2 cm: a block resting 5.1 cm from the bowl centre is in it, 5.3 cm is not.
    [TestCase(0.051, "SUCCESS")]
    [TestCase(0.053, "NEVER_PICKED_UP")]
    public void In_the_bowl_means_within_5_2_cm_of_its_centre(double distance, string expected)
    {
        var r = New().At(12, BowlX, BowlY + distance, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    // GoalMaxHeightM = 3.6 cm (the rim): centre 3.5 cm above the table is in the bowl, 3.7 cm is not.
    [TestCase(0.035, "SUCCESS")]
    [TestCase(0.037, "NEVER_PICKED_UP")]
    public void In_the_bowl_means_below_the_rim(double centreHeight, string expected)
    {
        var r = New().At(12, BowlX + 0.03, BowlY, centreHeight - 0.0125, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo(expected));
    }

    // GripperClosedFraction = 0.1 of the range from the closed end.
    [TestCase(0.095, 1)]
    [TestCase(0.105, 0)]
    public void The_gripper_counts_as_closed_within_10_percent_of_its_closed_end(double opening, int closed)
    {
        var r = New().At(5, AwayX, AwayY, 0, Touch.Support, opening: 0.5).At(1, AwayX, AwayY, 0, Touch.Support, opening: opening).Play();
        Assert.That(r.Metric("gripper_closed"), Is.EqualTo(closed));
    }

    [Test]
    public void Without_a_gripper_command_gripper_closed_is_absent()
    {
        var r = New().At(5, AwayX, AwayY, 0, Touch.Support, opening: double.NaN).Play();
        Assert.That(r.Outcome.Metrics.Keys, Does.Not.Contain("gripper_closed"));
    }

    // ---- the cases an independent audit found ----

    [Test]
    public void A_block_placed_on_the_bowl_rim_is_a_missed_goal_not_a_drop()
    {
        // Lowered onto the rim (5.8 cm from the centre, its centre 3.6 + 1.25 cm high) and let go there.
        var r = New().Pick(AwayX, AwayY).At(5, BowlX + 0.058, BowlY, 0.036, Touch.Both).At(3, BowlX + 0.058, BowlY, 0.036, Touch.Both | Touch.Support)
            .At(20, BowlX + 0.058, BowlY, 0.036, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(0));
        Assert.That(r.Outcome.Detail, Is.EqualTo("the block was set down 5.8 cm from the bowl centre (grasp lost 3.6 cm above the table); it ended 5.8 cm from the bowl centre"));
    }

    [Test]
    public void A_block_set_down_1_cm_above_the_rim_that_tips_off_outside_is_still_a_placement()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + 0.058, BowlY, 0.046, Touch.Both).At(1, BowlX + 0.058, BowlY, 0.04)
            .At(2, BowlX + 0.06, BowlY, 0.036, Touch.Support).At(2, BowlX + 0.07, BowlY, 0.02).At(10, BowlX + 0.08, BowlY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"), "it first landed on the rim, 1 cm below and 0.2 cm from where it was let go");
    }

    [TestCase(Touch.Moving)]
    [TestCase(Touch.None)]
    public void A_slip_at_carry_height_is_a_drop_whether_it_slides_down_a_jaw_or_falls_free(Touch whileFalling)
    {
        var r = New().Pick(AwayX, AwayY).At(3, AwayX, AwayY, 0.10, Touch.Both)
            .At(1, AwayX, AwayY, 0.08, whileFalling).At(1, AwayX, AwayY, 0.05, whileFalling).At(1, AwayX, AwayY, 0.02, whileFalling)
            .At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Outcome.Detail, Is.EqualTo("grasp lost 10.0 cm above the table and 12.5 cm from the bowl centre; the block fell 10.0 cm; it ended 12.5 cm from the bowl centre"));
    }

    [Test]
    public void A_grasp_lost_during_the_lift_is_a_drop()
    {
        // Lift: 1, 2.2, 2.6, 3.0 cm; the third step at or above 2 cm makes the pick; the grasp goes at 3.0 cm.
        var r = New().At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(1, AwayX, AwayY, 0.01, Touch.Both).At(1, AwayX, AwayY, 0.022, Touch.Both)
            .At(1, AwayX, AwayY, 0.026, Touch.Both).At(1, AwayX, AwayY, 0.03, Touch.Both).At(1, AwayX, AwayY, 0.015).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Metric("time_to_pick_s"), Is.EqualTo(4 / 30.0).Within(1e-12), "the lift began at frame 4");
    }

    [Test]
    public void A_squeeze_that_knocks_the_block_15_cm_away_is_never_picked_up()
    {
        // Both jaws touch it for one step as it pops up 2.5 cm, then it flies 15 cm.
        var r = New().At(3, AwayX, AwayY, 0, Touch.Support).At(1, AwayX, AwayY, 0.025, Touch.Both).At(1, AwayX + 0.07, AwayY, 0.03)
            .At(10, AwayX + 0.15, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(r.Outcome.Detail, Does.Not.Contain("release"));
    }

    [Test]
    public void A_pick_lost_low_that_sends_the_block_15_cm_away_is_a_drop_and_says_where_it_landed()
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.01, Touch.Both).At(1, AwayX + 0.07, AwayY, 0.01)
            .At(10, AwayX + 0.15, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Outcome.Detail, Does.StartWith("grasp lost 1.0 cm above the table and 12.5 cm from the bowl centre; the block fell 1.0 cm and landed 15.0 cm away"));
        Assert.That(r.Outcome.Detail, Does.Not.Contain("release"));
    }

    [Test]
    public void A_block_let_go_in_the_bowl_with_one_jaw_still_resting_on_it_is_a_success()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX, BowlY, 0.01, Touch.Both).At(3, BowlX, BowlY, 0.006, Touch.Both | Touch.Support)
            .At(20, BowlX, BowlY, 0.006, Touch.Moving | Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.DoneAt, Is.EqualTo(25), "9 + 3 + 3 frames, then 10 in the bowl with one jaw on it");
    }

    [Test]
    public void A_block_held_by_both_jaws_in_the_bowl_is_not_a_success()
    {
        var r = New().Pick(AwayX, AwayY).At(20, BowlX, BowlY, 0.006, Touch.Both | Touch.Support).Play();
        Assert.That(r.DoneAt, Is.Null);
        Assert.That(r.Label, Is.EqualTo("TIMEOUT"));
    }

    [Test]
    public void A_block_pushed_into_the_bowl_late_is_a_success_without_a_pick()
    {
        // Pushed along the table by the palm from frame 1 to 249; in the bowl from frame 250.
        var r = New().At(249, AwayX, AwayY, 0, Touch.Support | Touch.Palm).At(30, BowlX + 0.02, BowlY, 0, Touch.Support).Play();
        Assert.That(r.DoneAt, Is.EqualTo(259));
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.Metric("picked_up"), Is.EqualTo(0));
        Assert.That(r.Outcome.Detail, Does.EndWith("never picked up (pushed in)"));
    }

    [Test]
    public void A_block_pushed_into_the_bowl_5_steps_before_the_limit_is_a_success()
    {
        var r = New().At(295, AwayX, AwayY, 0, Touch.Support | Touch.Palm).At(5, BowlX + 0.02, BowlY, 0, Touch.Support).Play();
        Assert.That(r.DoneAt, Is.Null);
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.Outcome.Detail, Is.EqualTo("the block was in the bowl 2.0 cm from its centre when the episode ended after 300 steps; never picked up (pushed in)"));
    }

    // Near-identical releases on either side of the bowl's radius get the same class: a lost pick is judged
    // by where the block first lands and how it got there, never by a radius at the release.
    [TestCase(0.056)]
    [TestCase(0.060)]
    public void Releases_from_6_cm_either_side_of_the_bowl_radius_are_both_drops(double releaseDistance)
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + releaseDistance, BowlY, 0.06, Touch.Both).At(1, BowlX + releaseDistance, BowlY, 0.04)
            .At(1, BowlX + 0.06, BowlY, 0.036, Touch.Support).At(1, BowlX + 0.075, BowlY, 0.01).At(10, BowlX + 0.08, BowlY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
    }

    [TestCase(0.056)]
    [TestCase(0.060)]
    public void Releases_from_just_above_the_rim_either_side_of_its_radius_are_both_placements(double releaseDistance)
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + releaseDistance, BowlY, 0.04, Touch.Both).At(1, BowlX + releaseDistance, BowlY, 0.037)
            .At(1, BowlX + 0.06, BowlY, 0.036, Touch.Support).At(1, BowlX + 0.075, BowlY, 0.01).At(10, BowlX + 0.08, BowlY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"));
    }

    // ---- a finite table ----

    // The table spans x -0.2..0.6 m, y -0.35..0.35 m: a block 1 cm past an edge and below the top has left it
    // (the episode ends); 1 cm inside an edge it has not (whatever its height).
    [TestCase(0.61, 0.0, true)]
    [TestCase(0.59, 0.0, false)]
    [TestCase(-0.21, 0.0, true)]
    [TestCase(-0.19, 0.0, false)]
    [TestCase(0.2, 0.36, true)]
    [TestCase(0.2, 0.34, false)]
    [TestCase(0.2, -0.36, true)]
    [TestCase(0.2, -0.34, false)]
    public void The_table_ends_at_its_edges(double x, double y, bool off)
    {
        var r = New().At(3, x, y, 0, Touch.Palm).At(5, x, y, -0.03).Play();
        Assert.That(r.DoneAt, off ? Is.EqualTo(4) : Is.Null);
        Assert.That(r.Metric("left_table"), Is.EqualTo(off ? 1 : 0));
    }

    [Test]
    public void A_block_pushed_off_the_table_without_a_pick_is_never_picked_up()
    {
        var r = New().At(5, 0.58, 0, 0, Touch.Support | Touch.Palm).At(1, 0.61, 0, -0.02).At(5, 0.62, 0, -0.2).Play();
        Assert.That(r.DoneAt, Is.EqualTo(6));
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(r.Outcome.Detail, Does.EndWith("; the block was pushed off the table"));
    }

    [Test]
    public void A_pick_let_go_beyond_the_edge_at_table_height_is_a_drop()
    {
        // Held just past the edge at table height, let go: it is below the top 1.35 cm later, a fall under 2 cm,
        // but it left the table before landing on anything.
        var r = New().Pick(0.55, 0).At(5, 0.61, 0, 0, Touch.Both).At(1, 0.61, 0, -0.0135).At(5, 0.61, 0, -0.3).Play();
        Assert.That(r.DoneAt, Is.EqualTo(15));
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Outcome.Detail, Does.EndWith("the block fell off the table"));
    }

    [Test]
    public void A_pick_set_down_on_the_table_then_pushed_off_is_a_missed_goal()
    {
        var r = New().Pick(0.55, 0).At(3, 0.58, 0, 0, Touch.Both | Touch.Support).At(5, 0.58, 0, 0, Touch.Support | Touch.Palm).At(1, 0.61, 0, -0.02).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"));
        Assert.That(r.Metric("left_table"), Is.EqualTo(1));
        Assert.That(r.Outcome.Detail, Does.EndWith("; then it left the table"));
    }

    [Test]
    public void A_pick_dropped_on_the_table_that_then_slides_off_is_a_drop()
    {
        var r = New().Pick(0.55, 0).At(1, 0.58, 0, 0.05, Touch.Both).At(1, 0.58, 0, 0.02).At(2, 0.59, 0, 0, Touch.Support).At(1, 0.61, 0, -0.02).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Outcome.Detail, Does.EndWith("the block fell 5.0 cm; then it left the table"));
    }

    // ---- precedence: SUCCESS, NEVER_PICKED_UP, TIMEOUT, DROPPED_DURING_TRANSPORT, MISSED_GOAL ----

    [Test]
    public void Success_wins_over_an_earlier_drop()
    {
        // Dropped on the table, then pushed into the bowl by the palm.
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).Drop(AwayX, AwayY, 0.10)
            .At(5, BowlX + 0.06, BowlY, 0, Touch.Support | Touch.Palm).At(12, BowlX + 0.02, BowlY, 0.006, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(1));
    }

    [Test]
    public void A_block_let_go_10_cm_over_the_bowl_that_lands_in_it_is_placed_not_dropped()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + 0.03, BowlY, 0.10, Touch.Both).At(1, BowlX + 0.03, BowlY, 0.05).At(12, BowlX + 0.02, BowlY, 0.006, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(0));
    }

    [Test]
    public void A_block_that_lands_in_the_bowl_and_bounces_out_missed_the_goal()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + 0.03, BowlY, 0.10, Touch.Both).At(1, BowlX + 0.03, BowlY, 0.05)
            .At(1, BowlX + 0.04, BowlY, 0.006, Touch.Support).At(2, BowlX + 0.07, BowlY, 0.04).At(10, BowlX + 0.09, BowlY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(0));
        Assert.That(r.Outcome.Detail, Is.EqualTo("the block landed in the bowl 4.0 cm from its centre and left it (grasp lost 10.0 cm above the table); it ended 9.0 cm from the bowl centre"));
    }

    [Test]
    public void A_block_that_lands_on_the_rim_from_6_cm_and_falls_outside_is_a_drop()
    {
        // On the rim its centre is 4.85 cm above the table: not in the bowl (rim 3.6 cm), so the landing is outside it.
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + 0.045, BowlY, 0.06, Touch.Both).At(1, BowlX + 0.045, BowlY, 0.045)
            .At(1, BowlX + 0.045, BowlY, 0.036, Touch.Support).At(2, BowlX + 0.07, BowlY, 0.02).At(10, BowlX + 0.08, BowlY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
    }

    [Test]
    public void Never_picked_up_wins_over_a_grasp_held_on_the_table_at_the_end()
    {
        var r = New().At(3, AwayX, AwayY, 0, Touch.Support).At(20, AwayX, AwayY, 0.01, Touch.Both | Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("NEVER_PICKED_UP"));
    }

    [Test]
    public void Timeout_wins_over_an_earlier_drop_when_the_block_is_held_at_the_end()
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).Drop(AwayX, AwayY, 0.10).At(5, AwayX, AwayY, 0, Touch.Both | Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("TIMEOUT"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(1));
    }

    [Test]
    public void The_last_pick_decides_a_drop_then_a_placement_is_a_missed_goal()
    {
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).Drop(AwayX, AwayY, 0.10)
            .Pick(AwayX, AwayY).At(3, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(r.Label, Is.EqualTo("MISSED_GOAL"));
        Assert.That(r.Metric("dropped"), Is.EqualTo(1));
    }

    [Test]
    public void The_last_pick_decides_a_placement_then_a_drop_is_a_drop()
    {
        var r = New().Pick(AwayX, AwayY).At(3, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support)
            .Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).Drop(AwayX, AwayY, 0.10).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
    }

    [Test]
    public void A_block_still_falling_at_the_end_is_judged_by_its_fall_so_far()
    {
        // Let go 10 cm up; three steps later it has fallen 4 cm and touched nothing: the grasp is lost, a drop.
        var r = New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).At(1, AwayX, AwayY, 0.095).At(1, AwayX, AwayY, 0.08).At(1, AwayX, AwayY, 0.06).Play();
        Assert.That(r.Label, Is.EqualTo("DROPPED_DURING_TRANSPORT"));
        Assert.That(r.Outcome.Detail, Does.StartWith("grasp lost 10.0 cm above the table and 12.5 cm from the bowl centre; the block fell 4.0 cm"));
    }

    // ---- details and metrics ----

    [Test]
    public void The_detail_of_a_drop_states_where_the_grasp_was_lost()
    {
        var r = New().Pick(AwayX, AwayY).At(3, BowlX + 0.093, BowlY, 0.14, Touch.Both).Drop(BowlX + 0.093, BowlY, 0.14).Play();
        Assert.That(r.Outcome.Detail, Does.StartWith("grasp lost 14.0 cm above the table and 9.3 cm from the bowl centre;"));
    }

    [Test]
    public void Timeout_detail_states_where_the_block_is_held()
    {
        var r = New().Pick(AwayX, AwayY).Play();
        Assert.That(r.Outcome.Detail, Is.EqualTo("step limit reached after 9 steps with the block held 5.0 cm above the table and 12.5 cm from the bowl centre"));
    }

    [Test]
    public void Details_have_no_commas_so_episodes_csv_cuts_cleanly()
    {
        var details = new[]
        {
            New().Pick(AwayX, AwayY).At(2, AwayX, AwayY, 0.10, Touch.Both).Drop(AwayX, AwayY, 0.10).Play(),
            New().Pick(AwayX, AwayY).At(3, AwayX, AwayY, 0, Touch.Both | Touch.Support).At(10, AwayX, AwayY, 0, Touch.Support).Play(),
            New().Pick(AwayX, AwayY).Play(),
            New().At(12, BowlX, BowlY, 0, Touch.Support).Play(),
            New().At(3, AwayX, AwayY, 0, Touch.Support).At(5, AwayX, AwayY, 0.05, Touch.Both).At(5, 0.62, 0, -0.05).Play(),
        }.Select(r => r.Outcome.Detail);
        Assert.That(details, Has.None.Contain(","));
    }

    [Test]
    public void Metrics_of_a_pick_and_place_are_measured_from_the_frames()
    {
        // Tool 10 cm above the block for 3 frames, then moving 5 cm down to it (first contact at frame 4), then with it.
        var r = New()
            .At(3, AwayX, AwayY, 0, Touch.Support, opening: 0.3, tool: new Point3(AwayX, AwayY, 0.1125))
            .At(1, AwayX, AwayY, 0, Touch.Moving | Touch.Support, opening: 0.3, tool: new Point3(AwayX, AwayY, 0.0625))
            .At(2, AwayX, AwayY, 0, Touch.Both | Touch.Support, opening: 0.0, tool: new Point3(AwayX, AwayY, 0.0125 + 0.004))
            .At(3, AwayX, AwayY, 0.07, Touch.Both, opening: 0.0, tool: new Point3(AwayX, AwayY, 0.0825 + 0.004))
            .At(1, BowlX, BowlY, 0.05, Touch.Both, opening: 0.0, tool: new Point3(BowlX, BowlY, 0.0625 + 0.004))
            .At(12, BowlX + 0.003, BowlY + 0.004, 0.006, Touch.Support, opening: 1.0, tool: new Point3(BowlX, BowlY, 0.0625 + 0.004))
            .Play();
        Assert.That(r.Label, Is.EqualTo("SUCCESS"));
        Assert.That(r.DoneAt, Is.EqualTo(20));
        Assert.That(r.Metric("picked_up"), Is.EqualTo(1));
        Assert.That(r.Metric("dropped"), Is.EqualTo(0), "let go 5 cm above the table, it fell 4.4 cm into the bowl: placed");
        Assert.That(r.Metric("max_object_height_m"), Is.EqualTo(0.07).Within(1e-12));
        Assert.That(r.Metric("time_to_pick_s"), Is.EqualTo(7 / 30.0).Within(1e-12));
        Assert.That(r.Metric("time_to_first_contact_s"), Is.EqualTo(4 / 30.0).Within(1e-12));
        Assert.That(r.Metric("final_goal_distance_m"), Is.EqualTo(0.005).Within(1e-12));
        Assert.That(r.Metric("closest_tool_distance_m"), Is.EqualTo(0.004).Within(1e-12));
        Assert.That(r.Metric("gripper_closed"), Is.EqualTo(1));
        Assert.That(r.Metric("left_table"), Is.EqualTo(0));
        // 0.05 down, 0.046 down, 0.07 up, sqrt(0.11^2 + 0.06^2 + 0.02^2) across, then still.
        Assert.That(r.Metric("tool_path_length_m"), Is.EqualTo(0.05 + 0.046 + 0.07 + Math.Sqrt(0.11 * 0.11 + 0.06 * 0.06 + 0.02 * 0.02)).Within(1e-12));
        Assert.That(r.Events.Select(e => e.Kind), Is.EqualTo(new[]
        {
            PickPlaceEventKind.FirstContact, PickPlaceEventKind.GraspAcquired, PickPlaceEventKind.PickedUp,
            PickPlaceEventKind.GraspLost, PickPlaceEventKind.Landed,
        }));
    }

    [Test]
    public void An_episode_without_steps_measures_nothing_and_one_step_has_no_path()
    {
        Assert.That(New().Play().Outcome.Metrics, Is.Empty);
        var one = New().At(1, AwayX, AwayY, 0, Touch.Support).Play();
        Assert.That(one.Outcome.Metrics.Keys, Does.Not.Contain("tool_path_length_m"));
        Assert.That(one.Metric("final_goal_distance_m"), Is.EqualTo(Math.Sqrt(0.11 * 0.11 + 0.06 * 0.06)).Within(1e-12));
    }

    [Test]
    public void Schema_lists_the_classes_in_precedence_order_with_the_scene_thresholds()
    {
        var s = PickPlaceSchema.For(So101);
        Assert.That(s.Labels, Is.EqualTo(new[] { "SUCCESS", "NEVER_PICKED_UP", "TIMEOUT", "DROPPED_DURING_TRANSPORT", "MISSED_GOAL", "ERROR" }));
        Assert.That(s.Class("NEVER_PICKED_UP")!.Definition, Does.Contain("at least 2 cm above its resting height on 3 consecutive steps"));
        Assert.That(s.Class("DROPPED_DURING_TRANSPORT")!.Definition, Does.Contain("outside the bowl, having fallen at least 2 cm or travelled at least 3 cm"));
        Assert.That(s.Class("SUCCESS")!.Definition, Does.Contain("under 5.2 cm from the bowl centre and under 3.6 cm above the table").And.Contain("for 10 consecutive steps"));
        Assert.That(s.Class("TIMEOUT")!.Definition, Does.Contain("fewer than 3 steps"));
        Assert.That(s.Metrics.Select(m => (m.Key, m.Unit)), Is.EqualTo(new[]
        {
            ("picked_up", "flag"), ("dropped", "flag"), ("max_object_height_m", "m"), ("time_to_pick_s", "s"), ("final_goal_distance_m", "m"),
            ("closest_tool_distance_m", "m"), ("gripper_closed", "flag"), ("time_to_first_contact_s", "s"), ("tool_path_length_m", "m"), ("left_table", "flag"),
        }));
    }
}
