namespace Harness.Eval.Reports.Charts;

/// <summary>A chart that renders itself as a standalone SVG document (also valid inline in HTML).</summary>
public interface IChart
{
    string Title { get; }
    string ToSvg();
}
