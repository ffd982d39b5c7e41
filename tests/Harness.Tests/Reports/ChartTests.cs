using System.Xml.Linq;
using Harness.Eval.Reports.Charts;
using NUnit.Framework;

namespace Harness.Tests.Reports;

public class ChartTests
{
    private const string Hostile = "a<b & \"c\" 'd' </svg><script>x</script>";

    private static IEnumerable<IChart> Charts()
    {
        yield return new BarChart(Hostile, Hostile, [new BarValue(Hostile, 0.4, "#4e79a7", 0.3, 0.5, "40%", Hostile), new BarValue("b", 0.7, "#f28e2b")], AxisFormat.Percent, 0, 1);
        yield return new StackedBarChart(Hostile, "share", [Hostile, "two"], [new StackSeries(Hostile, "#59a14f", [0.5, 0.2]), new StackSeries("fail", "#e15759", [0.5, 0.8])], AxisFormat.Percent, 1);
        yield return new LineBandChart(Hostile, Hostile, "rate", [new LineSeries(Hostile, "#4e79a7",
            [new BandPoint(1000, 0.2, 0.1, 0.35, Hostile), new BandPoint(5000, 0.5, 0.35, 0.65), new BandPoint(20000, 0.7, 0.55, 0.8)])], AxisFormat.Percent, 0, 1);
        yield return new HistogramChart(Hostile, "steps", "episodes", [0, 50, 100, 150], [new StackSeries(Hostile, "#59a14f", [1, 4, 2]), new StackSeries("TIMEOUT", "#b07aa1", [0, 0, 3])]);
    }

    [TestCaseSource(nameof(Charts))]
    public void ChartsAreWellFormedAndEscapeText(IChart chart)
    {
        var svg = chart.ToSvg();
        var doc = XDocument.Parse(svg);
        Assert.That(doc.Descendants().Any(e => e.Name.LocalName == "script"), Is.False, "labels cannot inject markup");
        Assert.That(doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value), Has.Some.Contains("a<b & \"c\""),
            "the label still reads as written");
        Assert.That(doc.Descendants().Count(e => (string?)e.Attribute("class") is "bar" or "line" or "band"), Is.GreaterThan(0));
        var box = doc.Root!.Attribute("viewBox")!.Value.Split(' ').Select(double.Parse).ToArray();
        foreach (var rect in doc.Descendants().Where(e => e.Name.LocalName == "rect"))
        {
            double x = double.Parse(rect.Attribute("x")!.Value), y = double.Parse(rect.Attribute("y")!.Value);
            double w = double.Parse(rect.Attribute("width")!.Value), h = double.Parse(rect.Attribute("height")!.Value);
            Assert.That(x >= 0 && y >= 0 && x + w <= box[2] + 0.01 && y + h <= box[3] + 0.01, $"rect inside the canvas: {rect}");
        }
    }

    [TestCase(0, 1)]
    [TestCase(0, 0.37)]
    [TestCase(17, 403)]
    [TestCase(1000, 250000)]
    [TestCase(-3.2, 7.9)]
    [TestCase(5, 5)]
    public void NiceScaleCoversTheRangeWithRoundSteps(double min, double max)
    {
        var s = NiceScale.For(min, max);
        Assert.That(s.Min, Is.LessThanOrEqualTo(min));
        Assert.That(s.Max, Is.GreaterThanOrEqualTo(max));
        Assert.That(s.Max, Is.GreaterThan(s.Min));
        double mantissa = s.Step / Math.Pow(10, Math.Floor(Math.Log10(s.Step)));
        Assert.That(new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(m - mantissa) < 1e-9), $"step {s.Step}");
        var ticks = s.Ticks().ToList();
        Assert.That(ticks.Count, Is.InRange(3, 12));
        Assert.That(ticks.All(t => Math.Abs(t / s.Step - Math.Round(t / s.Step)) < 1e-9), "ticks sit on multiples of the step");
    }
}
