namespace Harness.Eval.Reports.Charts;

/// <summary>
/// Shared layout for every chart: title, legend, plot area, grid, y axis and either a numeric or a
/// categorical x axis. Charts draw their marks with <see cref="X"/>/<see cref="Y"/>.
/// </summary>
internal sealed class ChartFrame
{
    public const double Width = 760;
    private const double Left = 68, Right = 24, TitleHeight = 34, LegendRow = 20;

    public Svg Svg { get; }
    public NiceScale YScale { get; }
    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double PlotTop { get; }
    public double PlotBottom { get; }
    public double PlotWidth => PlotRight - PlotLeft;
    public double Height { get; }
    private readonly AxisFormat _yFormat;

    public ChartFrame(string title, string yLabel, NiceScale yScale, AxisFormat yFormat, IReadOnlyList<LegendEntry> legend,
        double bottomSpace = 52, double plotHeight = 250)
    {
        YScale = yScale;
        _yFormat = yFormat;
        var legendRows = LayoutLegend(legend);
        PlotTop = TitleHeight + legendRows.Count * LegendRow + 10;
        PlotBottom = PlotTop + plotHeight;
        Height = PlotBottom + bottomSpace;
        Svg = new Svg(Width, Height, title);
        Svg.Text(Left, 22, title, size: 16, weight: "600", fill: ChartPalette.Text);
        for (int r = 0; r < legendRows.Count; r++)
            foreach (var (entry, x) in legendRows[r])
            {
                double y = TitleHeight + r * LegendRow + 6;
                Svg.Rect(x, y, 12, 12, entry.Color, extra: "rx=\"2\"");
                Svg.Text(x + 17, y + 10.5, entry.Name, size: 12, fill: ChartPalette.Text);
            }
        foreach (var t in yScale.Ticks())
        {
            double y = Y(t);
            Svg.Line(PlotLeft, y, PlotRight, y, ChartPalette.Grid);
            Svg.Text(PlotLeft - 8, y + 4, yFormat.Format(t, yScale.Step), anchor: "end", size: 12, fill: ChartPalette.Muted);
        }
        double midY = (PlotTop + PlotBottom) / 2;
        Svg.Text(18, midY, yLabel, anchor: "middle", size: 13, fill: ChartPalette.Muted, rotate: -90);
    }

    public double Y(double v) => PlotBottom - Math.Clamp(YScale.Fraction(v), 0, 1) * (PlotBottom - PlotTop);

    /// <summary>Draws the x axis line last so marks never cover it.</summary>
    public void BaseLine() => Svg.Line(PlotLeft, PlotBottom, PlotRight, PlotBottom, ChartPalette.Axis);

    public void NumericXAxis(NiceScale xScale, string xLabel, AxisFormat format = AxisFormat.Number)
    {
        foreach (var t in xScale.Ticks())
        {
            double x = XNumeric(xScale, t);
            Svg.Line(x, PlotBottom, x, PlotBottom + 5, ChartPalette.Axis);
            Svg.Text(x, PlotBottom + 18, format.Format(t, xScale.Step), anchor: "middle", size: 12, fill: ChartPalette.Muted);
        }
        Svg.Text((PlotLeft + PlotRight) / 2, PlotBottom + 40, xLabel, anchor: "middle", size: 13, fill: ChartPalette.Muted);
    }

    public double XNumeric(NiceScale xScale, double v) => PlotLeft + xScale.Fraction(v) * PlotWidth;

    /// <summary>Band of category i: returns its left edge and width (with padding between categories).</summary>
    public (double X, double W) Band(int i, int count, double padding = 0.3)
    {
        double slot = PlotWidth / Math.Max(1, count);
        double w = slot * (1 - padding);
        return (PlotLeft + i * slot + (slot - w) / 2, w);
    }

    /// <summary>Category labels: horizontal when they fit, else slanted; long ones shortened with the full name as tooltip.</summary>
    public void CategoryXAxis(IReadOnlyList<string> labels)
    {
        double slot = PlotWidth / Math.Max(1, labels.Count);
        bool slant = labels.Any(l => l.Length * 7 > slot - 6);
        for (int i = 0; i < labels.Count; i++)
        {
            double x = PlotLeft + (i + 0.5) * slot;
            string shown = Shorten(labels[i], slant ? 22 : 40);
            string? tip = shown == labels[i] ? null : labels[i];
            if (slant) Svg.Text(x + 4, PlotBottom + 14, shown, anchor: "end", size: 12, fill: ChartPalette.Text, rotate: -30, tooltip: tip);
            else Svg.Text(x, PlotBottom + 18, shown, anchor: "middle", size: 12, fill: ChartPalette.Text, tooltip: tip);
        }
    }

    /// <summary>Room below the plot for category labels, slanted or not.</summary>
    public static double CategoryBottomSpace(IReadOnlyList<string> labels)
    {
        double slot = (Width - Left - Right) / Math.Max(1, labels.Count);
        bool slant = labels.Any(l => l.Length * 7 > slot - 6);
        return slant ? 24 + Math.Min(22, labels.Max(l => l.Length)) * 3.8 : 36;
    }

    public static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static List<List<(LegendEntry Entry, double X)>> LayoutLegend(IReadOnlyList<LegendEntry> legend)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        if (legend.Count == 0) return rows;
        var row = new List<(LegendEntry, double)>();
        double x = Left;
        foreach (var e in legend)
        {
            double w = 17 + e.Name.Length * 6.6 + 18;
            if (row.Count > 0 && x + w > Width - Right) { rows.Add(row); row = []; x = Left; }
            row.Add((e, x));
            x += w;
        }
        rows.Add(row);
        return rows;
    }

    public override string ToString() => Svg.ToString();
}
