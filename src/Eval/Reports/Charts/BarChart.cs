namespace Harness.Eval.Reports.Charts;

/// <summary>Vertical bars per category with optional error bars (e.g. success rate with its 95 % interval).</summary>
public sealed record BarChart(string Title, string YLabel, IReadOnlyList<BarValue> Bars,
    AxisFormat YFormat = AxisFormat.Number, double? YMin = null, double? YMax = null,
    IReadOnlyList<LegendEntry>? Legend = null) : IChart
{
    public string ToSvg()
    {
        if (Bars.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no bars.");
        double top = YMax ?? Bars.Max(b => b.Hi ?? b.Value);
        var y = NiceScale.For(YMin ?? Math.Min(0, Bars.Min(b => b.Lo ?? b.Value)), top);
        var labels = Bars.Select(b => b.Category).ToList();
        var f = new ChartFrame(Title, YLabel, y, YFormat, Legend ?? [], ChartFrame.CategoryBottomSpace(labels));
        for (int i = 0; i < Bars.Count; i++)
        {
            var b = Bars[i];
            var (bx, bw) = f.Band(i, Bars.Count, Bars.Count == 1 ? 0.7 : 0.35);
            double y0 = f.Y(Math.Max(y.Min, 0)), y1 = f.Y(b.Value);
            string extra = b.Hatched ? "fill-opacity=\"0.45\" stroke=\"" + Svg.Escape(b.Color) + "\" stroke-dasharray=\"4 3\"" : "";
            f.Svg.Rect(bx, Math.Min(y0, y1), bw, Math.Abs(y0 - y1), b.Color, b.Tooltip, extra + " class=\"bar\"");
            if (b.Lo is double lo && b.Hi is double hi)
            {
                double cx = bx + bw / 2, cap = Math.Min(10, bw / 4);
                f.Svg.Line(cx, f.Y(lo), cx, f.Y(hi), ChartPalette.Text, 1.4);
                f.Svg.Line(cx - cap, f.Y(lo), cx + cap, f.Y(lo), ChartPalette.Text, 1.4);
                f.Svg.Line(cx - cap, f.Y(hi), cx + cap, f.Y(hi), ChartPalette.Text, 1.4);
            }
            if (b.Label is not null)
            {
                double labelY = f.Y(b.Hi ?? b.Value) - 6;
                f.Svg.Text(bx + bw / 2 + (b.Hi is null ? 0 : 4), Math.Max(f.PlotTop - 2, labelY), b.Label, anchor: b.Hi is null ? "middle" : "start",
                    size: 11, fill: ChartPalette.Text, weight: "600");
            }
        }
        f.CategoryXAxis(labels);
        f.BaseLine();
        return f.ToString();
    }
}
