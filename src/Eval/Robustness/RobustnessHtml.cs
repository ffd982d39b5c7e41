using System.Net;
using System.Text;
using Harness.Core.Tasks;
using Harness.Eval.Reports;

namespace Harness.Eval.Robustness;

/// <summary>report.html of a robustness sweep: one self-contained file (inline CSS and SVG, stills as data: URIs, no script, no external URL).</summary>
public static class RobustnessHtml
{
    public const string FileName = "report.html";

    public static string Write(RobustnessReport r, string outDir)
    {
        var file = Path.Combine(outDir, FileName);
        File.WriteAllText(file, Render(r));
        return file;
    }

    public static string Render(RobustnessReport r)
    {
        var p = r.Plan;
        var h = new StringBuilder();
        string title = $"Robustness of {string.Join(", ", p.Checkpoints.Select(c => c.Label))} on {p.Scene}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append($"<title>{E(title)}</title><style>{Css}</style></head><body><main>\n")
         .Append($"<h1>{E(title)}</h1><p class=\"meta\">{Code(E(RobustnessText.Lead(r)))}</p>\n");
        h.Append("<h2>Verdicts</h2><ul class=\"verdicts\">");
        foreach (var a in r.Axes)
            foreach (var c in a.Curves)
                h.Append($"<li><a href=\"#axis-{E(a.Axis.Name)}\"><b>{E(a.Axis.Name)}</b></a>{(p.Checkpoints.Count > 1 ? $" (<code>{E(c.Checkpoint)}</code>)" : "")}: {E(c.Verdict)}</li>");
        h.Append("</ul>\n");
        if (r.Warnings.Count > 0) h.Append("<ul class=\"callout\">").Append(string.Concat(r.Warnings.Select(w => $"<li>{E(w)}</li>"))).Append("</ul>\n");
        h.Append("<nav>").Append(string.Concat(r.Axes.Select(a => $"<a href=\"#axis-{E(a.Axis.Name)}\">{E(a.Axis.Name)}</a>"))).Append("</nav>\n");

        foreach (var a in r.Axes)
        {
            h.Append($"<section id=\"axis-{E(a.Axis.Name)}\"><h2>Axis <code>{E(a.Axis.Name)}</code></h2><p>{Code(E(RobustnessText.AxisLine(a.Axis, p.Levels)))}</p>\n<div class=\"grid\">");
            foreach (var c in RobustnessCharts.For(r, a))
                h.Append($"<figure data-chart=\"{E(c.FileName)}\">{c.Chart.ToSvg().Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")}<figcaption>{E(c.Caption)}</figcaption></figure>");
            h.Append("</div>\n");
            foreach (var c in a.Curves) LevelTable(h, r, c);
            if (a.Comparisons.Count > 0)
            {
                h.Append("<h3>Checkpoints compared level by level</h3><table><thead><tr><th class=\"n\">Level</th><th>A</th><th>B</th><th class=\"n\">Pairs</th><th class=\"n\">A</th><th class=\"n\">B</th>")
                 .Append("<th class=\"n\">Won by A only</th><th class=\"n\">Won by B only</th><th class=\"n\">p (exact McNemar)</th><th class=\"n\">p (Holm)</th></tr></thead><tbody>");
                foreach (var x in a.Comparisons)
                    h.Append($"<tr><td class=\"n\">{x.Level}</td><td><code>{E(x.A)}</code></td><td><code>{E(x.B)}</code></td><td class=\"n\">{x.Pairs}</td>")
                     .Append($"<td class=\"n\">{ReportFormat.Percent(x.RateA)}</td><td class=\"n\">{ReportFormat.Percent(x.RateB)}</td><td class=\"n\">{x.OnlyA}</td><td class=\"n\">{x.OnlyB}</td>")
                     .Append($"<td class=\"n{(x.PValue < 0.05 ? " strong" : "")}\">{ReportFormat.PValue(x.PValue)}</td><td class=\"n\">{ReportFormat.PValue(x.PValueHolm)}</td></tr>");
                h.Append("</tbody></table>\n");
            }
            if (a.Stills.Count > 0)
            {
                h.Append("<h3>What the levels look like</h3><div class=\"stills\">");
                foreach (var s in a.Stills)
                {
                    var path = Path.Combine(r.Directory, s.File);
                    if (!File.Exists(path)) { h.Append($"<figure class=\"missing\"><figcaption>{E(s.Caption)}: still missing ({E(s.File)})</figcaption></figure>"); continue; }
                    h.Append($"<figure><img alt=\"{E(s.Caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\"><figcaption>{E(s.Caption)}</figcaption></figure>");
                }
                h.Append("</div>\n");
            }
            else h.Append($"<p class=\"note\">{Code(E(RobustnessText.NoStill(a.Axis)))}</p>\n");
            h.Append("</section>\n");
        }
        h.Append($"<footer><p>{Code(E(RobustnessText.Method))}</p></footer></main></body></html>\n");
        return h.ToString();
    }

    private static void LevelTable(StringBuilder h, RobustnessReport r, CheckpointCurve c)
    {
        var failures = r.OutcomeClasses.Where(o => o != OutcomeClass.SuccessLabel).ToList();
        h.Append($"<h3><code>{E(c.Checkpoint)}</code> <span class=\"sub\">{E(c.Policy)}</span></h3><p class=\"verdict\">{E(c.Verdict)}</p>")
         .Append("<div class=\"table-wrap\"><table><thead><tr><th class=\"n\">Level</th><th>Value</th><th class=\"n\">Episodes</th><th class=\"n\">Success</th><th class=\"n\">95 % CI</th><th class=\"n\">p vs nominal</th>")
         .Append(string.Concat(failures.Select(f => $"<th class=\"n\" title=\"{E(r.Schema.Class(f)?.Definition ?? f)}\">{E(ReportFormat.OutcomeHeading(f))}</th>")))
         .Append("<th>Run</th></tr></thead><tbody>");
        foreach (var l in c.Levels)
            h.Append(l.Complete ? "<tr>" : "<tr class=\"incomplete\">")
             .Append($"<td class=\"n\">{l.Level}</td><td>{E(l.ValueText)}</td><td class=\"n\">{l.Episodes}</td>")
             .Append($"<td class=\"n strong\">{(l.Episodes > 0 ? $"{ReportFormat.Percent(l.Rate)} <span class=\"sub\">{l.Successes}/{l.Episodes}</span>" : "–")}</td>")
             .Append($"<td class=\"n\">{(l.Episodes > 0 ? ReportFormat.Interval(l.CiLow, l.CiHigh) : "–")}</td>")
             .Append($"<td class=\"n{(l.PVersusNominal < 0.05 ? " strong" : "")}\">{(l.PVersusNominal is { } pv ? ReportFormat.PValue(pv) : "–")}</td>")
             .Append(string.Concat(failures.Select(f => $"<td class=\"n{(l.Count(f) == 0 ? " zero" : "")}\">{l.Count(f)}</td>")))
             .Append($"<td><code>{E(l.RunDir ?? "–")}</code>{(l.Note is { } n ? $" <span class=\"badge\">{E(n)}</span>" : "")}</td></tr>");
        h.Append("</tbody></table></div>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    // `code` spans of the shared sentences (already HTML-encoded) become <code>.
    private static string Code(string encoded) => System.Text.RegularExpressions.Regex.Replace(encoded, "`([^`]+)`", "<code>$1</code>")
        .Replace("*p vs nominal*", "<em>p vs nominal</em>");

    private const string Css = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fafafa}
        main{max-width:1180px;margin:0 auto;padding:18px 22px 40px;background:#fff}
        h1{font-size:24px;margin:8px 0}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}
        .meta,.note,.sub{color:#666}.sub{font-size:12px}code{font-size:13px;background:#f3f3f3;padding:0 3px;border-radius:3px}
        nav a{margin-right:12px}ul.verdicts li{margin:3px 0}.verdict{margin:2px 0 6px}
        .callout{background:#fff6e0;border:1px solid #f0d58a;padding:8px 8px 8px 28px}
        table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}th,td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f5f5f5}.n{text-align:right;font-variant-numeric:tabular-nums}.strong{font-weight:600}.zero{color:#bbb}
        tr.incomplete td{color:#999}.badge{background:#f28e2b;color:#fff;border-radius:3px;padding:0 4px;font-size:11px}.table-wrap{overflow-x:auto}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:12px}figure{margin:0}figure svg{width:100%;height:auto}
        figcaption{font-size:12px;color:#666}.stills{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px}
        .stills img{width:100%;border:1px solid #ddd}footer{margin-top:30px;font-size:12px;color:#666}
        @media print{main{max-width:none}.grid{grid-template-columns:1fr}}
        """;
}
