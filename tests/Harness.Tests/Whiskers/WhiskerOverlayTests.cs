using Harness.Core.Whiskers;
using Harness.Sim.Rendering;
using Harness.Sim.Whiskers;

namespace Harness.Tests.Whiskers;

public class WhiskerOverlayTests
{
    private static WhiskerTrace Trace(int queries, int horizon)
    {
        var path = Enumerable.Range(0, queries * horizon + 1).Select(k => new Point3(k * 0.01, 0, 0.1)).ToArray();
        var qs = Enumerable.Range(0, queries).Select(i =>
        {
            var pred = Enumerable.Range(1, horizon).Select(r => new Point3((i * horizon + r) * 0.01, 0.02, 0.1)).ToArray();
            return new WhiskerQuery(i, i * horizon, path[i * horizon], pred, path.Skip(i * horizon + 1).Take(horizon).ToArray(), []);
        }).ToArray();
        return new WhiskerTrace("s", "p", 0, 0, "tcp", 30, "SUCCESS", path, qs, [], []);
    }

    [Test]
    public void Current_prediction_is_green_and_fades_along_the_horizon()
    {
        var t = Trace(queries: 8, horizon: 5);
        var o = WhiskerOverlay.Build(t, 37, WhiskerStyle.Default);
        var green = o.Segments.Where(s => s.Colour with { A = 1 } == Rgba.Green).ToArray();
        Assert.That(green, Has.Length.EqualTo(5));
        Assert.That(green.Select(s => s.Colour.A), Is.Ordered.Descending);
        Assert.That(green[0].Colour.A, Is.EqualTo(1f));
        Assert.That(green[^1].Colour.A, Is.EqualTo(WhiskerStyle.Default.MinAlpha).Within(1e-6));
        Assert.That(green[0].X0, Is.EqualTo(t.Queries[7].Start.X), "the whisker starts at the tool");
    }

    [Test]
    public void Past_predictions_are_blue_ghosts_fading_with_age_up_to_the_history_length()
    {
        var t = Trace(queries: 8, horizon: 5);
        var style = WhiskerStyle.Default with { History = 3 };
        var o = WhiskerOverlay.Build(t, 37, style);
        var blue = o.Segments.Where(s => s.Colour with { A = 1 } == Rgba.Blue).ToArray();
        Assert.That(blue, Has.Length.EqualTo(3 * 5));
        // drawn oldest first: alpha rises towards the newest ghost
        var perQuery = blue.Chunk(5).Select(c => c[0].Colour.A).ToArray();
        Assert.That(perQuery, Is.Ordered.Ascending);
        Assert.That(perQuery.Distinct().Count(), Is.EqualTo(3));
        // and at the start of the episode there is no ghost yet
        Assert.That(WhiskerOverlay.Build(t, 2, style).Segments.Count(s => s.Colour with { A = 1 } == Rgba.Blue), Is.Zero);
    }

    [Test]
    public void Actual_path_is_orange_up_to_the_step_and_chunk_ends_get_spheres()
    {
        var t = Trace(queries: 8, horizon: 5);
        var o = WhiskerOverlay.Build(t, 12);
        var orange = o.Segments.Where(s => s.Colour == Rgba.Orange).ToArray();
        Assert.That(orange, Has.Length.EqualTo(12), "1 cm steps: nothing to merge");
        Assert.That(orange[^1].X1, Is.EqualTo(t.ToolPath[12].X));
        // 1 cm steps drawn with segments of at least 2.5 cm: every third point, and the last.
        var merged = WhiskerOverlay.Build(t, 12, WhiskerStyle.Default with { ActualMinSegment = 0.025 }).Segments.Where(s => s.Colour == Rgba.Orange).ToArray();
        Assert.That(merged.Select(s => s.X1), Is.EqualTo(new[] { 0.03, 0.06, 0.09, 0.12 }).Within(1e-12));
        Assert.That(merged[0].X0, Is.EqualTo(0));
        // current (query 2) + two ghosts
        Assert.That(o.Spheres, Has.Count.EqualTo(3));
        Assert.That(o.Spheres[^1].X, Is.EqualTo(t.Queries[2].Predicted[^1].X));
        Assert.Throws<ArgumentOutOfRangeException>(() => WhiskerOverlay.Build(t, 41));
    }

    [Test]
    public void Style_is_validated()
    {
        Assert.Throws<ArgumentException>(() => (WhiskerStyle.Default with { History = -1 }).Validate());
        Assert.Throws<ArgumentException>(() => (WhiskerStyle.Default with { CurrentRadius = 0 }).Validate());
    }
}
