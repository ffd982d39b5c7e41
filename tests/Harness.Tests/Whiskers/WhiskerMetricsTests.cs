using Harness.Core.Whiskers;
using NUnit.Framework;

namespace Harness.Tests.Whiskers;

public class WhiskerMetricsTests
{
    private static Point3 P(double x, double y = 0, double z = 0) => new(x, y, z);

    [Test]
    public void Prediction_error_is_the_mean_distance_over_the_executed_rows_only()
    {
        Point3[] predicted = [P(1), P(2), P(3), P(4)];
        Point3[] actual = [P(1, 0.3), P(2, 0, 0.1)]; // two rows executed; rows 3 and 4 are not compared
        Assert.That(WhiskerMetrics.PredictionError(predicted, actual), Is.EqualTo((0.3 + 0.1) / 2).Within(1e-12));
        Assert.That(WhiskerMetrics.PredictionError(predicted, []), Is.Null);
    }

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
    public void Evaluate_and_summary_combine_the_three_metrics()
    {
        var q0 = new WhiskerQuery(0, 0, P(0), [P(1), P(2), P(3)], [P(1), P(2, 1)], [[P(3)], [P(5)]]);
        var q1 = new WhiskerQuery(1, 2, P(2), [P(3, 2), P(4)], [P(3), P(4)], []);
        var m = WhiskerMetrics.Evaluate([q0, q1]);
        Assert.That(m[0].PredictionErrorM, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(m[0].ConsistencyM, Is.Null);
        Assert.That(m[0].SampleSpreadM, Is.EqualTo(1).Within(1e-12));
        Assert.That(m[1].PredictionErrorM, Is.EqualTo(1).Within(1e-12));   // (2 + 0) / 2
        Assert.That(m[1].ConsistencyM, Is.EqualTo(2).Within(1e-12));       // q0 row 2 (3,0) vs q1 row 0 (3,2)
        Assert.That(m[1].SampleSpreadM, Is.Null);

        var s = WhiskerSummary.Of(m);
        Assert.That(s.PredictionError.N, Is.EqualTo(2));
        Assert.That(s.PredictionError.Mean, Is.EqualTo(0.75).Within(1e-12));
        Assert.That(s.PredictionError.P95, Is.EqualTo(0.5 + 0.95 * 0.5).Within(1e-12));
        Assert.That(s.Consistency.N, Is.EqualTo(1));
        Assert.That(s.SampleSpread.Mean, Is.EqualTo(1).Within(1e-12));
        var cols = s.ToColumns();
        Assert.That(cols.Keys, Is.EquivalentTo(WhiskerSummary.Columns));
        Assert.That(cols["whisker_consistency_mean_m"], Is.EqualTo(2).Within(1e-12));
    }
}
