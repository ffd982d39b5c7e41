using Harness.Core.Tasks;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Eval.Reports;

/// <summary>
/// report.html: one self-contained file (inline CSS and SVG, whisker stills as data: URIs, no script, no
/// external URL) that reads on a laptop screen and prints cleanly. Videos stay as relative links.
/// </summary>
public sealed partial class HtmlExporter : IReportExporter
{
    public const string FileName = "report.html";
    /// <summary>Whisker stills embedded per run; more would make the file heavy.</summary>
    public const int StillsPerRun = 8;

    public string Name => "html";

    public IReadOnlyList<string> Export(ReportSummary summary, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, FileName);
        File.WriteAllText(file, Render(summary, outDir));
        return [file];
    }

    public static string Render(ReportSummary summary, string outDir)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append($"<title>{E(summary.Title)}</title><style>{Css}</style></head><body>\n");
        h.Append("<header><div class=\"wrap\">")
         .Append($"<h1>{E(summary.Title)}</h1>")
         .Append($"<p class=\"meta\">Generated {summary.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · harness {E(summary.HarnessVersion)} · " +
                 $"{summary.AllRuns.Count()} run(s) · {summary.Scenes.Count} scene(s)</p>");
        if (summary.Scenes.Count > 1)
            h.Append("<p class=\"meta\">Each scene has its own section; runs from different scenes are never compared.</p>")
             .Append("<nav>").Append(string.Concat(summary.Scenes.Select(s => $"<a href=\"#scene-{E(s.Slug)}\">{E(s.Scene)}</a>"))).Append("</nav>");
        h.Append("</div></header>\n<main class=\"wrap\">\n");
        foreach (var s in summary.Scenes) Scene(h, s, outDir);
        h.Append("<footer><p>Success rates: Wilson score 95 % intervals. Paired comparisons: exact two-sided McNemar test on the episodes where the two runs disagree, ")
         .Append("Holm-adjusted within a scene. Runs are paired only when task, scene files (scene_identity.sha256) and the seed of every common episode match; the settings that differ are listed for every pair. ")
         .Append("Incomplete and early-stopped runs are shown, flagged with the reason, but never compared.</p></footer>\n</main></body></html>\n");
        return h.ToString();
    }

    private static void Scene(StringBuilder h, SceneSection s, string outDir)
    {
        var charts = ReportCharts.For(s).ToDictionary(c => c.FileName.Split('-')[0]);
        h.Append($"<section class=\"scene\" id=\"scene-{E(s.Slug)}\"><h2>Scene <code>{E(s.Scene)}</code></h2>\n");
        h.Append($"<p>Task <code>{E(s.Schema.Name)}</code>: {E(s.Schema.Description)}</p>\n");
        var failures = s.OutcomeClasses.Where(c => c != OutcomeClass.SuccessLabel).ToList();
        h.Append("<div class=\"table-wrap\"><table class=\"runs\"><thead><tr><th>Run</th><th>Policy</th><th>Checkpoint</th><th class=\"n\">Step</th><th class=\"n\">Episodes</th>")
         .Append("<th class=\"n\">Success</th><th class=\"n\">95 % CI</th>")
         .Append(string.Concat(failures.Select(f => $"<th class=\"n\" title=\"{E(f + ": " + (s.Schema.Class(f)?.Definition ?? ""))}\">{E(ReportFormat.OutcomeHeading(f))}</th>")))
         .Append("<th class=\"n\" title=\"mean steps of successful episodes\">Steps (succ.)</th><th class=\"n\">Latency p50 / p95 ms</th></tr></thead><tbody>\n");
        foreach (var r in s.Runs)
        {
            h.Append(r.Complete ? "<tr>" : "<tr class=\"incomplete\">")
             .Append($"<td><code>{E(r.Id)}</code>{(r.Flag is { } flag ? $" <span class=\"badge warn\" title=\"{E(r.Stopped ?? r.Warnings.FirstOrDefault() ?? "")}\">{E(flag)}</span>" : "")}</td>")
             .Append($"<td class=\"wrapcell\">{E(r.Policy)}</td><td class=\"wrapcell\" title=\"{E(r.Checkpoint ?? "")}\">{E(ReportFormat.ShortPath(r.Checkpoint))}</td><td class=\"n\">{E(r.TrainingStep?.ToString() ?? "–")}</td><td class=\"n\">{r.Episodes}</td>")
             .Append($"<td class=\"n strong\">{ReportFormat.Percent(r.SuccessRate)} <span class=\"sub\">{r.Successes}/{r.Episodes}</span></td><td class=\"n\">{ReportFormat.Interval(r.CiLow, r.CiHigh)}</td>")
             .Append(string.Concat(failures.Select(f => $"<td class=\"n{(r.Count(f) == 0 ? " zero" : "")}\">{r.Count(f)}</td>")))
             .Append($"<td class=\"n\">{ReportFormat.Number(r.AvgStepsSuccess)}</td><td class=\"n\">{E(ReportFormat.Latency(r.PolicyLatencyMs))}</td></tr>\n");
        }
        h.Append("</tbody></table></div>\n");
        h.Append("<details><summary>Outcome classes (first match wins, in this order)</summary><ul>")
         .Append(string.Concat(s.Schema.Classes.OrderBy(c => c.Precedence).Select(c => $"<li><b>{E(c.Label)}</b>: {E(c.Definition)}</li>")))
         .Append("</ul></details>\n");
        if (s.MetricColumns.Count > 0)
        {
            h.Append("<h3>Task metrics</h3><div class=\"table-wrap\"><table class=\"metrics\"><thead><tr><th>Run</th>")
             .Append(string.Concat(s.MetricColumns.Select(c => $"<th class=\"n\" title=\"{E(c.Definition)}\">{E(c.Heading)}</th>")))
             .Append("</tr></thead><tbody>\n");
            foreach (var r in s.Runs)
                h.Append($"<tr><td><code>{E(r.Id)}</code></td>")
                 .Append(string.Concat(s.MetricColumns.Select(c => $"<td class=\"n\">{E(ReportFormat.Metric(c, r.Metric(c.Key)))}</td>")))
                 .Append("</tr>\n");
            h.Append("</tbody></table></div>\n");
        }
        Whiskers(h, s);
        var warnings = s.Runs.SelectMany(r => r.Warnings.Select(w => (r.Id, w))).ToList();
        if (warnings.Count > 0)
            h.Append("<ul class=\"callout\">").Append(string.Concat(warnings.Select(x => $"<li><code>{E(x.Id)}</code>: {E(x.w)}</li>"))).Append("</ul>\n");
        h.Append("<div class=\"grid\">");
        foreach (var key in new[] { "success", "outcomes" })
            if (charts.TryGetValue(key, out var c)) Figure(h, c);
        h.Append("</div>\n");

        h.Append("<h3>Paired comparisons</h3>")
         .Append($"<p>{E(s.ComparisonPlan)} Runs are paired when they share the task, the scene files (scene_identity.sha256) and the seed of every common episode (same initial states); every setting that differs between the two runs is listed.</p>\n");
        if (s.Paired.Count > 0)
        {
            h.Append("<div class=\"table-wrap\"><table><thead><tr><th>A</th><th>B</th><th class=\"n\">Pairs</th><th class=\"n\">A</th><th class=\"n\">B</th><th class=\"n\">B − A</th>")
             .Append("<th class=\"n\" title=\"episodes A succeeded and B failed\">Won by A only</th><th class=\"n\" title=\"episodes B succeeded and A failed\">Won by B only</th>")
             .Append("<th class=\"n\">p (exact McNemar)</th><th class=\"n\">p (Holm)</th><th class=\"n\">Pairs for 80 % power</th><th>Settings that differ</th></tr></thead><tbody>\n");
            foreach (var c in s.Paired)
                h.Append($"<tr><td><code>{E(c.RunA)}</code></td><td><code>{E(c.RunB)}</code></td><td class=\"n\">{c.Pairs}</td>")
                 .Append($"<td class=\"n\">{ReportFormat.Percent(c.RateA)}</td><td class=\"n\">{ReportFormat.Percent(c.RateB)}</td>")
                 .Append($"<td class=\"n {(c.Difference > 0 ? "up" : c.Difference < 0 ? "down" : "")}\">{ReportFormat.Points(c.Difference)}</td>")
                 .Append($"<td class=\"n\">{c.OnlyA}</td><td class=\"n\">{c.OnlyB}</td>")
                 .Append($"<td class=\"n{(c.PValue < 0.05 ? " strong" : "")}\">{ReportFormat.PValue(c.PValue)}</td><td class=\"n{(c.PValueHolm < 0.05 ? " strong" : "")}\">{ReportFormat.PValue(c.PValueHolm)}</td>")
                 .Append($"<td class=\"n\">{ReportFormat.Int(c.PairsForPower)}</td>")
                 .Append($"<td class=\"wrapcell{(c.Differences.Count > 0 ? " differs" : "")}\" title=\"{E(string.Join("; ", c.Differences))}\">{E(ReportFormat.DifferingSettings(c.Differences))}</td></tr>\n");
            h.Append("</tbody></table></div>\n<p class=\"note\"><em>Won by A only</em>: episodes A succeeded and B failed on the same initial state. ")
             .Append("The p-value is the two-sided exact McNemar test on those discordant episodes; <em>p (Holm)</em> corrects for the number of comparisons in this scene. ")
             .Append("<em>Pairs for 80 % power</em>: paired episodes needed to detect the observed difference at alpha 0.05 if it were real (never fewer than the exact test needs to reach p &lt; 0.05 at all).</p>\n");
        }
        var notes = s.Paired.Where(c => c.Note is not null).Select(c => $"<code>{E(c.RunA)}</code> vs <code>{E(c.RunB)}</code>: {E(c.Note!)}")
            .Concat(s.Paired.Where(c => c.Differences.Count > 0).Select(c => $"<code>{E(c.RunA)}</code> vs <code>{E(c.RunB)}</code> differ in: {E(string.Join("; ", c.Differences))}"))
            .Concat(s.NotPaired.Select(p => $"<code>{E(p.RunA)}</code> vs <code>{E(p.RunB)}</code>: not paired, {E(p.Reason)}"))
            .Concat(s.Excluded.Select(x => $"<code>{E(x.Run)}</code>: {E(x.Reason)}")).ToList();
        if (notes.Count > 0) h.Append("<ul class=\"notes\">").Append(string.Concat(notes.Select(n => $"<li>{n}</li>"))).Append("</ul>\n");

        if (s.LearningCurve is { } curve && charts.TryGetValue("curve", out var cc))
        {
            h.Append("<h3>Success rate against training step</h3><div class=\"grid one\">");
            Figure(h, cc);
            h.Append("</div>");
        }
        if (charts.TryGetValue("lengths", out var lc))
        {
            h.Append("<h3>Episode lengths</h3><div class=\"grid one\">");
            Figure(h, lc);
            h.Append("</div>\n");
        }
        if (s.TrialGuides.Count > 0) Guides(h, s.TrialGuides);
        Media(h, s, outDir);
        h.Append("</section>\n");
    }

    private static void Figure(StringBuilder h, ReportChart c) =>
        // The xmlns attribute is implied for inline SVG in HTML; dropping it keeps the page free of any URL.
        h.Append($"<figure data-chart=\"{E(c.FileName)}\">{c.Chart.ToSvg().Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "")}<figcaption>{E(c.Caption)}</figcaption></figure>");

    private static void Guides(StringBuilder h, IReadOnlyList<TrialGuide> guides)
    {
        h.Append("<h3>How many episodes?</h3>").Append($"<p>{Emphasis(E(TrialGuideText.Lead(guides[0])))}</p>")
         .Append("<div class=\"table-wrap fit\"><table class=\"guide\"><thead><tr><th>Pair</th><th class=\"n\">Difference</th><th class=\"n\">Rates</th><th class=\"n\">Paired, independent outcomes</th>")
         .Append("<th class=\"n\">Paired, observed agreement</th><th class=\"n\">Unpaired</th></tr></thead><tbody>");
        foreach (var g in guides)
            for (int i = 0; i < g.Rows.Count; i++)
            {
                var r = g.Rows[i];
                h.Append(i == 0 ? "<tr class=\"pair-start\">" : "<tr>");
                if (i == 0)
                    h.Append($"<td class=\"wrapcell\" rowspan=\"{g.Rows.Count}\"><code>{E(g.RunA)}</code> vs <code>{E(g.RunB)}</code><br><span class=\"sub\">{E(TrialGuideText.PairNote(g))}</span></td>");
                h.Append($"<td class=\"n{(r.Observed ? " strong" : "")}\">{E(TrialGuideText.Difference(r))}</td><td class=\"n\">{ReportFormat.Percent(g.RateA)} vs {ReportFormat.Percent(r.OtherRate)}</td>")
                 .Append($"<td class=\"n\">{r.PairedIndependent}</td><td class=\"n strong\">{ReportFormat.Int(r.PairedObserved)}</td><td class=\"n\">{r.UnpairedPerArm}</td></tr>");
            }
        h.Append($"</tbody></table></div><p class=\"note\">{Emphasis(E(TrialGuideText.Explanation))}</p>\n");
    }

    private static void Whiskers(StringBuilder h, SceneSection s)
    {
        var runs = s.Runs.Where(r => r.Whiskers.Count > 0).ToList();
        if (runs.Count == 0) return;
        h.Append("<h3>Whisker metrics</h3><p class=\"note\">From <code>harness eval --whisker-metrics</code>, over each run's episodes (hover a metric for its definition).</p><div class=\"whiskers\">");
        foreach (var r in runs)
        {
            h.Append($"<div class=\"table-wrap fit\"><table class=\"whisker\" data-run=\"{E(r.Id)}\"><caption><code>{E(r.Id)}</code></caption><thead><tr><th>Metric</th><th>Unit</th>")
             .Append("<th class=\"n\">Episodes</th><th class=\"n\">Mean</th><th class=\"n\">Max</th></tr></thead><tbody>");
            foreach (var w in r.Whiskers)
                h.Append($"<tr><td title=\"{E(w.Definition)}\"><code>{E(w.Key)}</code></td><td>{E(w.Unit)}</td><td class=\"n\">{w.Episodes}</td>")
                 .Append($"<td class=\"n\">{E(ReportFormat.Measure(w.Mean, w.Unit))}</td><td class=\"n\">{E(ReportFormat.Measure(w.Max, w.Unit))}</td></tr>");
            h.Append("</tbody></table></div>");
        }
        h.Append("</div>\n");
    }

    private static void Media(StringBuilder h, SceneSection s, string outDir)
    {
        var withMedia = s.Runs.Where(r => r.Videos.Count > 0 || r.WhiskerImages.Count > 0).ToList();
        if (withMedia.Count == 0) return;
        h.Append("<h3>Videos and whiskers</h3>");
        foreach (var r in withMedia)
        {
            h.Append($"<div class=\"media\"><h4><code>{E(r.Id)}</code></h4>");
            if (r.Videos.Count > 0)
                h.Append("<p class=\"videos\">Videos: ").Append(string.Join(" ", r.Videos.Select(v =>
                    $"<a class=\"video\" href=\"{E(ReportFormat.RelativeLink(outDir, v))}\">{E(Path.GetFileNameWithoutExtension(v))}</a>"))).Append("</p>");
            if (r.WhiskerImages.Count > 0)
            {
                h.Append("<div class=\"stills\">");
                foreach (var w in r.WhiskerImages.Take(StillsPerRun))
                    h.Append($"<figure class=\"still\"><img alt=\"{E(Path.GetFileName(w))}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(w))}\">")
                     .Append($"<figcaption>{E(Path.GetRelativePath(Path.Combine(r.Directory, "whiskers"), w))}</figcaption></figure>");
                h.Append("</div>");
                if (r.WhiskerImages.Count > StillsPerRun)
                    h.Append($"<p class=\"note\">{r.WhiskerImages.Count - StillsPerRun} more whisker stills in <a href=\"{E(ReportFormat.RelativeLink(outDir, Path.Combine(r.Directory, "whiskers")))}\">whiskers/</a>.</p>");
            }
            h.Append("</div>");
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Emphasis(string encoded) => EmphasisPattern().Replace(encoded, "<em>$1</em>");

    [GeneratedRegex(@"\*([^*]+)\*")]
    private static partial Regex EmphasisPattern();

    private const string Css = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;--warn:#9a6700;--warnbg:#fff8c5;--up:#1a7f37;--down:#cf222e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:#fff}
.wrap{max-width:1400px;margin:0 auto;padding:0 28px}
header{background:linear-gradient(180deg,#f6f8fa,#fff);border-bottom:1px solid var(--line);padding:26px 0 16px;margin-bottom:8px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:21px;margin:34px 0 14px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:28px 0 8px}
h4{font-size:14px;margin:16px 0 6px}
.meta{color:var(--muted);margin:0}
nav{margin-top:10px;display:flex;flex-wrap:wrap;gap:8px}
nav a{font-size:13px;padding:3px 10px;border:1px solid var(--line);border-radius:999px;color:var(--accent);text-decoration:none;background:#fff}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 5px;border-radius:4px}
h2 code{font-size:18px}
table code{font-size:12px}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;margin:10px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:6px 6px;text-align:left;white-space:nowrap;border-bottom:1px solid #eaeef2}
thead th{white-space:normal;vertical-align:bottom;line-height:1.25}
td.wrapcell{white-space:normal;max-width:16em;overflow-wrap:break-word}
thead th{background:var(--soft);font-weight:600;color:#31373d;border-bottom:1px solid var(--line);position:sticky;top:0}
tbody tr:last-child td{border-bottom:none}
tbody tr:nth-child(even){background:#fbfcfd}
tbody tr:hover{background:#f0f6ff}
.n{text-align:right;font-variant-numeric:tabular-nums}
.strong{font-weight:600}
.sub{color:var(--muted);font-weight:400;font-size:12px}
.zero{color:#b0b7be}
.up{color:var(--up)}.down{color:var(--down)}
tr.incomplete td{background:#fffdf0}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 7px;border-radius:999px;vertical-align:1px}
.badge.warn{background:var(--warnbg);color:var(--warn);border:1px solid #e9d27a}
td .badge{display:block;width:fit-content;margin-top:3px}
th:first-child,td:first-child{padding-left:10px}
th:last-child,td:last-child{padding-right:10px}
.callout{background:var(--warnbg);border:1px solid #e9d27a;border-radius:8px;padding:8px 12px 8px 30px;margin:10px 0;font-size:13.5px;color:#4d3800}
.notes{font-size:13.5px;color:#31373d}
.note{font-size:13px;color:var(--muted);max-width:980px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px;margin:14px 0}
.table-wrap.fit{display:inline-block;max-width:100%}
.whiskers{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
table caption{text-align:left;padding:6px 10px;font-weight:600}
td.differs{color:var(--warn)}
tr.pair-start td{border-top:2px solid var(--line)}
.table-wrap.fit table{width:auto}
.grid.one{grid-template-columns:minmax(0,900px)}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px;background:#fff}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:12.5px;color:var(--muted);margin-top:6px}
.stills{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px}
.still img{display:block;width:100%;height:auto;border-radius:4px;background:#000}
.video{display:inline-block;margin:0 6px 4px 0;padding:2px 10px;border:1px solid var(--line);border-radius:6px;font-size:13px;color:var(--accent);text-decoration:none}
footer{margin:40px 0 30px;padding-top:12px;border-top:1px solid var(--line);font-size:12.5px;color:var(--muted)}
@media (max-width:700px){.wrap{padding:0 12px}.grid{grid-template-columns:1fr}}
@media print{
  @page{size:A4 landscape;margin:12mm}
  body{font-size:10.5pt;background:#fff}
  header{background:none;padding:0 0 6px}
  nav{display:none}
  .wrap{max-width:none;padding:0}
  .table-wrap{overflow:visible;border:none}
  table{font-size:7.5pt}
  th,td{padding:3px 4px}
  td .badge{font-size:7pt}
  table code{font-size:7.5pt}
  thead th{position:static}
  tbody tr:hover{background:none}
  figure,table,.stills,.callout{break-inside:avoid}
  section.scene{break-before:page}
  section.scene:first-of-type{break-before:auto}
  .grid{display:grid;grid-template-columns:1fr 1fr;gap:8px}
  .grid.one{grid-template-columns:62%}
  figure{padding:4px}
  a{color:inherit}
}
""";
}
