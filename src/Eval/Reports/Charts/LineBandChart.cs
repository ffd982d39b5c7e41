namespace Harness.Eval.Reports.Charts;

/// <summary>Lines with markers and a shaded band per series (e.g. success rate against training step with its Wilson interval).</summary>
public sealed record LineBandChart(string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series,
    AxisFormat YFormat = AxisFormat.Number, double? YMin = null, double? YMax = null) : IChart
{
    public string ToSvg()
    {
        var pts = Series.SelectMany(s => s.Points).ToList();
        if (pts.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no points.");
        var y = NiceScale.For(YMin ?? pts.Min(p => p.Lo), YMax ?? pts.Max(p => p.Hi));
        var x = NiceScale.For(pts.Min(p => p.X), pts.Max(p => p.X), 7);
        var legend = Series.Select(s => new LegendEntry(s.Name, s.Color)).ToList();
        var f = new ChartFrame(Title, YLabel, y, YFormat, legend);
        f.NumericXAxis(x, XLabel);
        foreach (var s in Series)
        {
            var ordered = s.Points.OrderBy(p => p.X).ToList();
            string Pt(double px, double py) => $"{Svg.N(f.XNumeric(x, px))},{Svg.N(f.Y(py))}";
            var band = "M" + string.Join(" L", ordered.Select(p => Pt(p.X, p.Hi)))
                     + " L" + string.Join(" L", ordered.AsEnumerable().Reverse().Select(p => Pt(p.X, p.Lo))) + " Z";
            f.Svg.Path(band, "none", s.Color, extra: "fill-opacity=\"0.18\" class=\"band\"");
            if (ordered.Count > 1)
                f.Svg.Path("M" + string.Join(" L", ordered.Select(p => Pt(p.X, p.Y))), s.Color, "none", 2.2, "stroke-linejoin=\"round\" class=\"line\"");
            foreach (var p in ordered)
                f.Svg.Circle(f.XNumeric(x, p.X), f.Y(p.Y), 4, s.Color, p.Tooltip);
        }
        f.BaseLine();
        return f.ToString();
    }
}
