namespace Harness.Eval.Reports.Charts;

/// <summary>A point with interval whiskers on both axes (e.g. a checkpoint's success in simulation and on the real robot, each with its Wilson interval).</summary>
public sealed record ScatterPoint(string Label, double X, double XLo, double XHi, double Y, double YLo, double YHi, string Color, string? Tooltip = null);

/// <summary>
/// Points with horizontal and vertical interval whiskers on equal 0..1 axes, and the identity line
/// y = x: points below it scored lower on the y quantity than on the x quantity.
/// </summary>
public sealed record ScatterChart(string Title, string XLabel, string YLabel, IReadOnlyList<ScatterPoint> Points,
    AxisFormat Format = AxisFormat.Percent) : IChart
{
    public string ToSvg()
    {
        if (Points.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no points.");
        var scale = NiceScale.For(0, 1);
        var f = new ChartFrame(Title, YLabel, scale, Format, [new LegendEntry("y = x (simulation predicts the real rate)", ChartPalette.Muted)], plotHeight: 400);
        f.NumericXAxis(scale, XLabel, Format);
        f.Svg.Line(f.XNumeric(scale, 0), f.Y(0), f.XNumeric(scale, 1), f.Y(1), ChartPalette.Muted, 1.2, "stroke-dasharray=\"6 4\" class=\"identity\"");
        foreach (var p in Points)
        {
            double x = f.XNumeric(scale, p.X), y = f.Y(p.Y);
            f.Svg.Line(f.XNumeric(scale, p.XLo), y, f.XNumeric(scale, p.XHi), y, p.Color, 1.6, "class=\"whisker-x\"");
            f.Svg.Line(x, f.Y(p.YLo), x, f.Y(p.YHi), p.Color, 1.6, "class=\"whisker-y\"");
            f.Svg.Circle(x, y, 5.5, p.Color, p.Tooltip ?? p.Label);
        }
        // One label per position (points on the same spot share it), kept inside the plot near the right edge.
        foreach (var spot in Points.GroupBy(p => (p.X, p.Y)))
        {
            double x = f.XNumeric(scale, spot.Key.X), y = f.Y(spot.Key.Y);
            bool right = spot.Key.X > 0.75;
            f.Svg.Text(right ? x - 9 : x + 9, y - 9, string.Join(", ", spot.Select(p => p.Label)), anchor: right ? "end" : "start", size: 12, fill: ChartPalette.Text);
        }
        f.BaseLine();
        return f.ToString();
    }
}
