namespace Harness.Eval.Reports.Charts;

/// <summary>Stacked bars per category (e.g. the share of each failure class per run).</summary>
public sealed record StackedBarChart(string Title, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<StackSeries> Layers,
    AxisFormat YFormat = AxisFormat.Number, double? YMax = null,
    IReadOnlyList<IReadOnlyList<string>>? Tooltips = null) : IChart
{
    public string ToSvg()
    {
        if (Categories.Count == 0 || Layers.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no data.");
        if (Layers.Any(l => l.Values.Count != Categories.Count))
            throw new ArgumentException($"chart '{Title}': every layer needs one value per category ({Categories.Count}).");
        double total = Enumerable.Range(0, Categories.Count).Max(i => Layers.Sum(l => l.Values[i]));
        var y = NiceScale.For(0, YMax ?? Math.Max(total, 1e-9));
        var legend = Layers.Select(l => new LegendEntry(l.Name, l.Color)).ToList();
        var f = new ChartFrame(Title, YLabel, y, YFormat, legend, ChartFrame.CategoryBottomSpace(Categories));
        for (int i = 0; i < Categories.Count; i++)
        {
            var (bx, bw) = f.Band(i, Categories.Count, Categories.Count == 1 ? 0.7 : 0.35);
            double acc = 0;
            for (int l = 0; l < Layers.Count; l++)
            {
                double v = Layers[l].Values[i];
                if (v <= 0) continue;
                double yTop = f.Y(acc + v), yBottom = f.Y(acc);
                f.Svg.Rect(bx, yTop, bw, yBottom - yTop, Layers[l].Color, Tooltips?[i][l] ?? $"{Categories[i]}: {Layers[l].Name} {YFormat.Format(v, 0.001)}",
                    "stroke=\"#ffffff\" stroke-width=\"0.8\" class=\"bar\"");
                acc += v;
            }
        }
        f.CategoryXAxis(Categories);
        f.BaseLine();
        return f.ToString();
    }
}
