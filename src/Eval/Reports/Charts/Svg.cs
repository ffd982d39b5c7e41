using System.Globalization;
using System.Text;

namespace Harness.Eval.Reports.Charts;

/// <summary>
/// Minimal SVG writer: every attribute and text node goes through <see cref="Escape"/>, so labels taken
/// from run files (policy names, paths) cannot break the markup of the page they are inlined in.
/// </summary>
public sealed class Svg
{
    private readonly StringBuilder _sb = new();

    public Svg(double width, double height, string title)
    {
        _sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" ")
           .Append($"role=\"img\" aria-label=\"{Escape(title)}\" class=\"chart\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" font-size=\"12\">")
           .Append($"<title>{Escape(title)}</title>")
           .Append($"<rect x=\"0\" y=\"0\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>");
    }

    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char ch in s)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // Control characters are not allowed in XML 1.0.
                case < ' ' when ch is not ('\t' or '\n' or '\r'): sb.Append('?'); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public Svg Rect(double x, double y, double w, double h, string fill, string? tooltip = null, string extra = "")
    {
        _sb.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{Escape(fill)}\" {extra}");
        if (tooltip is null) _sb.Append("/>");
        else _sb.Append($"><title>{Escape(tooltip)}</title></rect>");
        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string extra = "")
    {
        _sb.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{Escape(stroke)}\" stroke-width=\"{N(width)}\" {extra}/>");
        return this;
    }

    public Svg Path(string d, string stroke, string fill, double width = 1, string extra = "", string? tooltip = null)
    {
        _sb.Append($"<path d=\"{Escape(d)}\" stroke=\"{Escape(stroke)}\" fill=\"{Escape(fill)}\" stroke-width=\"{N(width)}\" {extra}");
        if (tooltip is null) _sb.Append("/>");
        else _sb.Append($"><title>{Escape(tooltip)}</title></path>");
        return this;
    }

    public Svg Circle(double cx, double cy, double r, string fill, string? tooltip = null, string stroke = "#ffffff")
    {
        _sb.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{Escape(fill)}\" stroke=\"{Escape(stroke)}\" stroke-width=\"1.5\"");
        if (tooltip is null) _sb.Append("/>");
        else _sb.Append($"><title>{Escape(tooltip)}</title></circle>");
        return this;
    }

    public Svg Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#333333",
        string weight = "normal", double rotate = 0, string? tooltip = null)
    {
        string transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _sb.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{Escape(fill)}\" font-weight=\"{weight}\"{transform}>");
        if (tooltip is not null) _sb.Append($"<title>{Escape(tooltip)}</title>");
        _sb.Append(Escape(text)).Append("</text>");
        return this;
    }

    public override string ToString() => _sb + "</svg>";
}
