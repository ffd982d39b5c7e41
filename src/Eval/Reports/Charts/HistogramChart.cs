namespace Harness.Eval.Reports.Charts;

/// <summary>
/// Histogram over shared bin edges (Edges.Count = bins + 1); layers stack within a bin
/// (e.g. episode lengths split by outcome).
/// </summary>
public sealed record HistogramChart(string Title, string XLabel, string YLabel, IReadOnlyList<double> Edges, IReadOnlyList<StackSeries> Layers) : IChart
{
    public string ToSvg()
    {
        int bins = Edges.Count - 1;
        if (bins < 1 || Layers.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no bins.");
        if (Layers.Any(l => l.Values.Count != bins)) throw new ArgumentException($"chart '{Title}': every layer needs {bins} counts.");
        double max = Enumerable.Range(0, bins).Max(b => Layers.Sum(l => l.Values[b]));
        var y = NiceScale.For(0, Math.Max(max, 1));
        var x = NiceScale.For(Edges[0], Edges[^1], 8);
        var legend = Layers.Count > 1 ? Layers.Select(l => new LegendEntry(l.Name, l.Color)).ToList() : [];
        var f = new ChartFrame(Title, YLabel, y, AxisFormat.Number, legend);
        for (int b = 0; b < bins; b++)
        {
            double x0 = f.XNumeric(x, Edges[b]), x1 = f.XNumeric(x, Edges[b + 1]), acc = 0;
            foreach (var l in Layers)
            {
                double v = l.Values[b];
                if (v <= 0) continue;
                f.Svg.Rect(x0 + 0.5, f.Y(acc + v), x1 - x0 - 1, f.Y(acc) - f.Y(acc + v), l.Color,
                    $"{Edges[b]:0.##}–{Edges[b + 1]:0.##}: {l.Name} {v:0}", "class=\"bar\"");
                acc += v;
            }
        }
        f.NumericXAxis(x, XLabel);
        f.BaseLine();
        return f.ToString();
    }
}
