using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Eval.Reports;

namespace Harness.Eval.SimReal;

/// <summary>report.html of a sim-to-real comparison: one self-contained file (inline CSS and SVG, no script, no external URL).</summary>
public static class SimRealHtml
{
    public const string FileName = "report.html";

    public static string Render(SimRealReport r)
    {
        var h = new StringBuilder();
        string title = SimRealText.Title(r);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append($"<title>{E(title)}</title><style>{Css}</style></head><body><main>\n")
         .Append($"<h1>{E(title)}</h1><p class=\"meta\">{C(SimRealText.Lead(r))}</p>\n<p class=\"verdict\"><b>{C(r.BestReason)}</b></p>\n");
        h.Append("<table><thead><tr><th>Variant</th><th class=\"n\">Checkpoints</th><th class=\"n\">Pearson r</th><th>95 % CI</th><th class=\"n\">MMRV</th><th>95 % CI</th><th class=\"n\">Paired episodes</th><th class=\"n\">Same class</th></tr></thead><tbody>");
        foreach (var v in r.Variants)
            h.Append($"<tr{(v.Label == r.Best ? " class=\"best\"" : "")}><td><a href=\"#variant-{E(SimRealCharts.Slug(v.Label))}\"><code>{E(v.Label)}</code></a>{(v.Label == r.Best ? " (best)" : "")}</td>")
             .Append($"<td class=\"n\">{v.Checkpoints.Count}</td><td class=\"n strong\">{SimRealText.Number(v.Pearson)}</td><td>{E(SimRealText.Interval(v.PearsonInterval))}</td>")
             .Append($"<td class=\"n strong\">{SimRealText.Number(v.Mmrv)}</td><td>{E(SimRealText.Interval(v.MmrvInterval))}</td><td class=\"n\">{v.Confusion.Pairs}</td><td class=\"n\">{v.Confusion.Agreeing}</td></tr>");
        h.Append("</tbody></table>\n");
        if (r.Warnings.Count > 0) h.Append("<ul class=\"callout\">").Append(string.Concat(r.Warnings.Select(w => $"<li>{E(w)}</li>"))).Append("</ul>\n");
        var charts = SimRealCharts.For(r);
        for (int k = 0; k < r.Variants.Count; k++)
        {
            var v = r.Variants[k];
            h.Append($"<section id=\"variant-{E(SimRealCharts.Slug(v.Label))}\"><h2>Variant <code>{E(v.Label)}</code></h2>\n<div class=\"grid\"><figure data-chart=\"{E(charts[k].FileName)}\">")
             .Append(charts[k].Svg.ToSvg().Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")).Append($"<figcaption>{E(charts[k].Caption)}</figcaption></figure><div>");
            h.Append($"<p><b>Rank order.</b><br>Simulation: {C(SimRealText.RankOrder(v.Checkpoints.Select(c => (c.Checkpoint, c.Sim.Rate))))}<br>")
             .Append($"Real robot: {C(SimRealText.RankOrder(v.Checkpoints.Select(c => (c.Checkpoint, c.Real.Rate))))}</p>");
            var notes = SimRealText.Disagreements(v.Confusion);
            if (notes.Count > 0) h.Append("<ul class=\"disagreements\">").Append(string.Concat(notes.Select(n => $"<li>{C(n)}</li>"))).Append("</ul>");
            h.Append("</div></div>\n");
            h.Append("<h3>Success per checkpoint</h3><div class=\"table-wrap\"><table><thead><tr><th>Checkpoint</th><th class=\"n\">Simulation</th><th>95 % CI</th><th class=\"n\">Real</th><th>95 % CI</th>")
             .Append("<th class=\"n\">Rank sim</th><th class=\"n\">Rank real</th><th class=\"n\">Paired</th><th class=\"n\">Same class</th><th>Settings that differ</th></tr></thead><tbody>");
            foreach (var c in v.Checkpoints)
                h.Append($"<tr><td><code>{E(c.Checkpoint)}</code></td><td class=\"n strong\">{ReportFormat.Percent(c.Sim.Rate)} <span class=\"sub\">{c.Sim.Successes}/{c.Sim.Episodes}</span></td>")
                 .Append($"<td>{ReportFormat.Interval(c.Sim.Lo, c.Sim.Hi)}</td><td class=\"n strong\">{ReportFormat.Percent(c.Real.Rate)} <span class=\"sub\">{c.Real.Successes}/{c.Real.Episodes}</span></td>")
                 .Append($"<td>{ReportFormat.Interval(c.Real.Lo, c.Real.Hi)}</td><td class=\"n\">{c.SimRank}</td><td class=\"n\">{c.RealRank}</td><td class=\"n\">{c.PairedEpisodes}</td><td class=\"n\">{c.AgreeingEpisodes}</td>")
                 .Append($"<td>{E(c.SettingDifferences.Count == 0 ? "none" : string.Join("; ", c.SettingDifferences))}</td></tr>");
            h.Append("</tbody></table></div>\n");
            h.Append($"<h3>Class confusion</h3><p class=\"note\">{E(SimRealText.ConfusionNote)}</p><table class=\"confusion\"><thead><tr><th>simulation \\ real</th>")
             .Append(string.Concat(v.Confusion.Classes.Select(c => $"<th class=\"n\">{E(ReportFormat.OutcomeHeading(c))}</th>"))).Append("</tr></thead><tbody>");
            for (int i = 0; i < v.Confusion.Classes.Count; i++)
                h.Append($"<tr><th>{E(ReportFormat.OutcomeHeading(v.Confusion.Classes[i]))}</th>")
                 .Append(string.Concat(v.Confusion.Counts[i].Select((n, j) => $"<td class=\"n{(i == j ? " diag" : n > 0 ? " off" : " zero")}\">{n}</td>"))).Append("</tr>");
            h.Append("</tbody></table>\n");
            h.Append($"<h3>Class rates, simulation vs real</h3><p class=\"note\">{E(SimRealText.ClassTestNote)}</p><table><thead><tr><th>Class</th><th class=\"n\">Simulation</th><th class=\"n\">Real</th>")
             .Append("<th class=\"n\">Difference</th><th class=\"n\">Sim only</th><th class=\"n\">Real only</th><th class=\"n\">p (exact McNemar)</th><th class=\"n\">p (Holm)</th></tr></thead><tbody>");
            foreach (var d in v.ClassDifferences)
                h.Append($"<tr><td>{E(ReportFormat.OutcomeHeading(d.Class))}</td><td class=\"n\">{ReportFormat.Percent(d.SimRate)} <span class=\"sub\">{d.SimCount}</span></td>")
                 .Append($"<td class=\"n\">{ReportFormat.Percent(d.RealRate)} <span class=\"sub\">{d.RealCount}</span></td><td class=\"n\">{E(ReportFormat.Points(d.RealRate - d.SimRate))}</td>")
                 .Append($"<td class=\"n\">{d.SimOnly}</td><td class=\"n\">{d.RealOnly}</td><td class=\"n{(d.PValueHolm < 0.05 ? " strong" : "")}\">{ReportFormat.PValue(d.PValue)}</td><td class=\"n\">{ReportFormat.PValue(d.PValueHolm)}</td></tr>");
            h.Append("</tbody></table></section>\n");
        }
        h.Append($"<h2>Twin prediction error on the real runs</h2><p class=\"note\">{C(SimRealText.TwinNote)}</p><table><thead><tr><th>Checkpoint</th><th class=\"n\">Episodes</th><th class=\"n\">Measured</th>")
         .Append("<th class=\"n\">Mean</th><th class=\"n\">Max</th><th>Mean by real class</th></tr></thead><tbody>");
        foreach (var t in r.TwinErrors)
            h.Append($"<tr><td><code>{E(t.Checkpoint)}</code></td><td class=\"n\">{t.Episodes}</td><td class=\"n\">{t.Measured}</td><td class=\"n\">{SimRealText.Centimetres(t.MeanM)}</td>")
             .Append($"<td class=\"n\">{SimRealText.Centimetres(t.MaxM)}</td><td>{E(t.MeanByRealClass.Count == 0 ? "–" : string.Join(", ", t.MeanByRealClass.Select(kv => $"{kv.Key} {SimRealText.Centimetres(kv.Value)}")))}</td></tr>");
        h.Append($"</tbody></table>\n<footer><p>{C(SimRealText.Method(r))}</p></footer></main></body></html>\n");
        return h.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    // Encodes, then turns the shared sentences' `code` spans into <code>.
    private static string C(string text) => Regex.Replace(E(text), "`([^`]+)`", "<code>$1</code>");

    private const string Css = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fafafa}
        main{max-width:1180px;margin:0 auto;padding:18px 22px 40px;background:#fff}
        h1{font-size:24px;margin:8px 0}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}
        .meta,.note,.sub{color:#666}.sub{font-size:12px}code{font-size:13px;background:#f3f3f3;padding:0 3px;border-radius:3px}
        .verdict{font-size:16px}.callout{background:#fff6e0;border:1px solid #f0d58a;padding:8px 8px 8px 28px}
        table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}th,td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f5f5f5}.n{text-align:right;font-variant-numeric:tabular-nums}.strong{font-weight:600}.zero{color:#bbb}
        tr.best td{background:#eef6ec}.diag{background:#eef6ec;font-weight:600}.off{background:#fdeee0;font-weight:600}.table-wrap{overflow-x:auto}
        .grid{display:grid;grid-template-columns:minmax(480px,2fr) 1fr;gap:16px}figure{margin:0}figure svg{width:100%;height:auto}
        figcaption{font-size:12px;color:#666}footer{margin-top:30px;font-size:12px;color:#666}
        @media (max-width:900px){.grid{grid-template-columns:1fr}}
        """;
}
