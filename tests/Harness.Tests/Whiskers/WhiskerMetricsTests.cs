using Harness.Core.Robots;
using Harness.Core.Whiskers;
using NUnit.Framework;

namespace Harness.Tests.Whiskers;

public class WhiskerMetricsTests
{
    private static Point3 P(double x, double y = 0, double z = 0) => new(x, y, z);

    private static readonly JointSpec[] Joints =
    [
        new("shoulder_pan.pos", Units.Degrees, -110, 110),
        new("gripper.pos", Units.Percent, 0, 100, JointKind.Gripper, new GripperSense(100, 0)),
    ];

    [Test]
    public void Consistency_compares_rows_that_refer_to_the_same_future_step()
    {
        // previous predicted at step 10: rows are steps 11..14; new at step 12: rows are steps 13..16.
        Point3[] previous = [P(0), P(0), P(1), P(2)];
        Point3[] current = [P(1.5), P(2), P(9), P(9)];
        // overlap: step 13 (prev row 2 = 1 vs 1.5) and step 14 (prev row 3 = 2 vs 2)
        Assert.That(WhiskerMetrics.Consistency(10, previous, 12, current), Is.EqualTo(0.25).Within(1e-12));
        // previous chunk fully executed: nothing overlaps
        Assert.That(WhiskerMetrics.Consistency(10, previous, 14, current), Is.Null);
        Assert.Throws<ArgumentException>(() => WhiskerMetrics.Consistency(12, previous, 10, current));
    }

    [Test]
    public void Sample_spread_is_the_mean_distance_to_the_centroid()
    {
        Assert.That(WhiskerMetrics.SampleSpread([P(-1), P(1), P(0, 1), P(0, -1)]), Is.EqualTo(1).Within(1e-12));
        Assert.That(WhiskerMetrics.SampleSpread([P(0, 0, 2), P(0, 0, 4)]), Is.EqualTo(1).Within(1e-12));
        Assert.That(WhiskerMetrics.SampleSpread([P(3)]), Is.Null);
    }

    [Test]
    public void The_action_jump_is_the_step_from_the_last_executed_action_to_the_next_chunks_first_per_joint()
    {
        // Three chunks: the first ran to its end (last action [14, 40]), the second for one row ([20, 40]).
        var q0 = new WhiskerQuery(0, 0, P(0), [P(1), P(2), P(3)], [P(1), P(2), P(3)], [], [[10, 50], [12, 50], [14, 40]], [14, 40]);
        var q1 = new WhiskerQuery(1, 3, P(3), [P(4), P(5)], [P(4)], [], [[20, 40], [22, 30]], [20, 40]);
        var q2 = new WhiskerQuery(2, 4, P(4), [P(5)], [P(5)], [], [[19, 60]], [19, 60]);
        var m = WhiskerMetrics.Evaluate([q0, q1, q2]);
        Assert.That(m[0].ActionJump, Is.Null, "the first chunk has no predecessor");
        Assert.That(m[1].ActionJump, Is.EqualTo(new[] { 6.0, 0.0 }));    // |20 - 14|, |40 - 40|
        Assert.That(m[2].ActionJump, Is.EqualTo(new[] { 1.0, 20.0 }));   // |19 - 20|, |60 - 40|

        var s = WhiskerSummary.Of(m, Joints);
        Assert.That(s.ActionJumps.Select(j => (j.Joint, j.Unit, j.Stat.N, j.Stat.Mean, j.Stat.Max)), Is.EqualTo(new[]
        {
            ("shoulder_pan.pos", "deg", 2, (double?)3.5, (double?)6.0),
            ("gripper.pos", "0-100", 2, (double?)10.0, (double?)20.0),
        }));
        // Largest jump per boundary as a share of its joint's range: max(6/220, 0/100), max(1/220, 20/100).
        Assert.That(s.JumpShareOfRange.Mean, Is.EqualTo((6.0 / 220 + 0.2) / 2).Within(1e-12));
        Assert.That(s.JumpShareOfRange.Max, Is.EqualTo(0.2).Within(1e-12));
        var cols = s.ToColumns();
        Assert.That(cols["whisker_action_jump_mean_range"], Is.EqualTo(0.11363636363636363).Within(1e-12));
        Assert.That(cols["whisker_action_jump_max_range"], Is.EqualTo(0.2).Within(1e-12));
    }

    [Test]
    public void Without_an_executed_action_or_a_recorded_chunk_there_is_no_jump()
    {
        var never = new WhiskerQuery(0, 0, P(0), [P(1)], [], [], [[1, 1]], LastExecuted: null);
        var next = new WhiskerQuery(1, 0, P(0), [P(1)], [P(1)], [], [[5, 5]], [5, 5]);
        var unrecorded = new WhiskerQuery(2, 1, P(1), [P(2)], [P(2)], []);
        var m = WhiskerMetrics.Evaluate([never, next, unrecorded]);
        Assert.That(m.Select(x => x.ActionJump), Is.All.Null);
        Assert.That(WhiskerSummary.Of(m, Joints).JumpShareOfRange.N, Is.EqualTo(0));
        Assert.Throws<ArgumentException>(() => WhiskerMetrics.ActionJump([1, 2], [1, 2, 3]));
    }

    [Test]
    public void Evaluate_and_summary_combine_consistency_spread_and_jumps()
    {
        var q0 = new WhiskerQuery(0, 0, P(0), [P(1), P(2), P(3)], [P(1), P(2, 1)], [[P(3)], [P(5)]], [[0, 0], [1, 0], [2, 0]], [1, 0]);
        var q1 = new WhiskerQuery(1, 2, P(2), [P(3, 2), P(4)], [P(3), P(4)], [], [[4, 10], [5, 10]], [5, 10]);
        var m = WhiskerMetrics.Evaluate([q0, q1]);
        Assert.That(m[0].ConsistencyM, Is.Null);
        Assert.That(m[0].SampleSpreadM, Is.EqualTo(1).Within(1e-12));
        Assert.That(m[1].ConsistencyM, Is.EqualTo(2).Within(1e-12));       // q0 row 2 (3,0) vs q1 row 0 (3,2)
        Assert.That(m[1].SampleSpreadM, Is.Null);
        Assert.That(m[1].ActionJump, Is.EqualTo(new[] { 3.0, 10.0 }));

        var s = WhiskerSummary.Of(m, Joints);
        Assert.That((s.Consistency.N, s.Consistency.Mean), Is.EqualTo((1, (double?)2.0)));
        Assert.That(s.SampleSpread.Mean, Is.EqualTo(1).Within(1e-12));
        var cols = s.ToColumns();
        Assert.That(cols.Keys, Is.EquivalentTo(new[]
        {
            "whisker_consistency_mean_m", "whisker_consistency_p95_m", "whisker_action_jump_mean_range", "whisker_action_jump_max_range", "whisker_sample_spread_mean_m",
        }));
        Assert.That(cols.Keys, Is.EquivalentTo(WhiskerSummary.Columns), "the columns eval declares are the ones it fills");
        Assert.That(cols["whisker_consistency_mean_m"], Is.EqualTo(2).Within(1e-12));
        Assert.That(cols["whisker_action_jump_max_range"], Is.EqualTo(0.1).Within(1e-12)); // max(3/220, 10/100)
    }

    [Test]
    public void Tracking_error_for_a_real_robots_twin_is_the_mean_distance_over_the_executed_rows_only()
    {
        Point3[] predicted = [P(1), P(2), P(3), P(4)];
        Point3[] executed = [P(1, 0.3), P(2, 0, 0.1)]; // two rows executed; rows 3 and 4 are not compared
        Assert.That(TwinComparison.TrackingError(predicted, executed), Is.EqualTo((0.3 + 0.1) / 2).Within(1e-12));
        Assert.That(TwinComparison.TrackingError(predicted, []), Is.Null);
    }
}
