using Harness.Core.Whiskers;
using Harness.Sim.Rendering;

namespace Harness.Sim.Whiskers;

/// <summary>Draws a whisker trace as it stood after a given number of steps.</summary>
public static class WhiskerOverlay
{
    /// <summary>
    /// The overlay for the state after <paramref name="step"/> steps, for every tool of the trace:
    /// the prediction in force at that step, its predecessors as ghost trails, samples of the current query, the tool path
    /// up to the step, and a sphere at every drawn chunk's end.
    /// </summary>
    public static SceneOverlay Build(WhiskerTrace trace, int step, WhiskerStyle? style = null)
    {
        style ??= WhiskerStyle.Default;
        if (step < 0 || step > trace.Steps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"the episode has states 0..{trace.Steps}.");
        var segments = new List<OverlaySegment>();
        var spheres = new List<OverlaySphere>();

        // One set of paths per tool (a bimanual robot draws both grippers).
        for (int tool = 0; tool < trace.ToolPaths.Count; tool++)
        {
            // Actual path, oldest first so the newest is drawn last.
            var path = trace.ToolPaths[tool];
            int from = style.ActualTrail is { } trail ? Math.Max(0, step - trail) : 0;
            var anchor = path[from];
            for (int k = from + 1; k <= step; k++)
            {
                var p = path[k];
                if (k < step && anchor.DistanceTo(p) < style.ActualMinSegment) continue;
                Segment(segments, anchor, p, style.ActualRadius, style.Actual);
                anchor = p;
            }

            int current = trace.QueryAt(step);
            if (current < 0) continue;
            // Ghost trails: older predictions fade with age.
            for (int age = Math.Min(style.History, current); age >= 1; age--)
            {
                float alpha = Lerp(0.8f, style.MinAlpha, style.History <= 1 ? 0 : (age - 1f) / (style.History - 1f));
                var q = trace.Queries[current - age].Tools[tool];
                Path(segments, spheres, q.Start, q.Predicted, style.PastRadius, style.ChunkEndRadius * 0.7, style.Past.WithAlpha(alpha), fade: null);
            }
            var now = trace.Queries[current].Tools[tool];
            foreach (var sample in now.Samples)
                Path(segments, spheres, now.Start, sample, style.SampleRadius, style.SampleRadius * 2, style.Current.WithAlpha(Math.Max(style.MinAlpha, 0.35f)), fade: null);
            Path(segments, spheres, now.Start, now.Predicted, style.CurrentRadius, style.ChunkEndRadius, style.Current, fade: style.MinAlpha);
        }
        return new SceneOverlay(segments, spheres);
    }

    // A polyline from the tool position at query time through the predicted points; with fade,
    // alpha goes from the colour's alpha to the fade value along the horizon.
    private static void Path(List<OverlaySegment> segments, List<OverlaySphere> spheres, Point3 start, IReadOnlyList<Point3> points,
        double radius, double endRadius, Rgba colour, float? fade)
    {
        if (points.Count == 0) return;
        var prev = start;
        for (int i = 0; i < points.Count; i++)
        {
            float alpha = fade is { } min ? Lerp(colour.A, min, points.Count == 1 ? 0 : i / (points.Count - 1f)) : colour.A;
            Segment(segments, prev, points[i], radius, colour.WithAlpha(alpha));
            prev = points[i];
        }
        var end = points[^1];
        spheres.Add(new OverlaySphere(end.X, end.Y, end.Z, endRadius, fade is { } f ? colour.WithAlpha(Math.Max(f, colour.A * 0.8f)) : colour));
    }

    private static void Segment(List<OverlaySegment> segments, Point3 a, Point3 b, double radius, Rgba colour) =>
        segments.Add(new OverlaySegment(a.X, a.Y, a.Z, b.X, b.Y, b.Z, radius, colour));

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;
}
