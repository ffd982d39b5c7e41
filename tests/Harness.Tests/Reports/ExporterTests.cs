using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsvHelper;
using Harness.Eval.Reports;
using NUnit.Framework;

namespace Harness.Tests.Reports;

public class ExporterTests
{
    private ScratchDir _tmp = null!;
    private ReportSummary _summary = null!;
    private string _out = null!;
    private IReadOnlyList<string> _written = null!;

    [OneTimeSetUp]
    public void Write()
    {
        _tmp = new ScratchDir();
        var scenario = new ReportScenario(_tmp.Sub("runs"));
        _summary = ReportSummaryBuilder.Build(scenario.Runs.Values.ToList(), "Sweep | <b>&", DateTimeOffset.UnixEpoch, "test");
        _out = _tmp.Sub("report");
        _written = ReportWriter.Write(_summary, _out);
    }

    [OneTimeTearDown]
    public void Clean() => _tmp.Dispose();

    private string Read(string name) => File.ReadAllText(Path.Combine(_out, name));

    [Test]
    public void EveryExporterWritesItsFile()
    {
        foreach (var f in new[] { MarkdownExporter.FileName, HtmlExporter.FileName, JsonExporter.FileName, CsvExporter.FileName })
            Assert.That(_written, Does.Contain(Path.Combine(_out, f)));
        int charts = _summary.Scenes.Sum(s => ReportCharts.For(s).Count);
        Assert.That(_written.Count(f => f.EndsWith(".svg")), Is.EqualTo(charts));
        Assert.That(_written.All(File.Exists));
    }

    [Test]
    public void MarkdownHasOneTableRowPerRunWithItsFigures()
    {
        var md = Read(MarkdownExporter.FileName);
        foreach (var r in _summary.AllRuns)
        {
            var line = md.Split('\n').Single(l => l.StartsWith($"| `{r.Id}`") && l.Contains($" | {r.Policy} | "));
            Assert.That(line, Does.Contain($"| {ReportFormat.Percent(r.SuccessRate)} ({r.Successes}/{r.Episodes}) |"));
            Assert.That(line, Does.Contain($"| {ReportFormat.Interval(r.CiLow, r.CiHigh)} |"));
            Assert.That(line.Contains("⚠ **"), Is.EqualTo(!r.Complete), r.Id);
            if (r.Flag is { } flag) Assert.That(line, Does.Contain($"⚠ **{flag}**"));
            var lines = md.Split('\n').ToList();
            var header = lines.Take(lines.IndexOf(line)).Last(l => l.StartsWith("| Run |"));
            Assert.That(line.Count(c => c == '|'), Is.EqualTo(header.Count(c => c == '|')), "every row has as many cells as its table's header");
        }
        foreach (var c in _summary.Scenes.SelectMany(s => s.Paired))
            Assert.That(md, Does.Contain($"| `{c.RunA}` | `{c.RunB}` | {c.Pairs} |"));
        Assert.That(md, Does.StartWith("# Sweep | &lt;b&gt;&"), "the title is text, not markup");
    }

    [Test]
    public void MarkdownLinksChartsAndMediaRelatively()
    {
        var md = Read(MarkdownExporter.FileName);
        var links = Regex.Matches(md, @"\]\(([^)]+)\)|src=""([^""]+)""").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.That(links, Is.Not.Empty);
        foreach (var link in links)
        {
            Assert.That(link, Does.Not.StartWith("/").And.Not.Contain("://"), "relative links only");
            var target = Path.GetFullPath(Path.Combine(_out, Uri.UnescapeDataString(link)));
            Assert.That(File.Exists(target) || Directory.Exists(target), Is.True, $"{link} resolves");
        }
        Assert.That(links.Count(l => l.EndsWith(".svg")), Is.EqualTo(_summary.Scenes.Sum(s => ReportCharts.For(s).Count)));
    }

    [Test]
    public void ChartFilesAreWellFormedSvgWithMarks()
    {
        foreach (var svg in _written.Where(f => f.EndsWith(".svg")))
        {
            var doc = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.That(doc.Root!.Name, Is.EqualTo(ns + "svg"));
            int marks = doc.Descendants().Count(e => (string?)e.Attribute("class") is "bar" or "line" or "band");
            Assert.That(marks, Is.GreaterThan(0), svg);
        }
    }

    [Test]
    public void HtmlIsSelfContained()
    {
        var html = Read(HtmlExporter.FileName);
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("//cdn"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("@import").And.Not.Contain("url("));
        var srcs = Regex.Matches(html, @"\ssrc=""([^""]*)""").Select(m => m.Groups[1].Value).ToList();
        Assert.That(srcs, Has.Count.EqualTo(_summary.AllRuns.Sum(r => Math.Min(HtmlExporter.StillsPerRun, r.WhiskerImages.Count))));
        Assert.That(srcs, Has.All.StartWith("data:image/png;base64,"));
        var hrefs = Regex.Matches(html, @"\shref=""([^""]*)""").Select(m => m.Groups[1].Value).ToList();
        Assert.That(hrefs.Where(h => !h.StartsWith('#')), Has.All.Matches<string>(h => h is not null && !h.Contains(':') && h.StartsWith("../runs/")),
            "video links are relative to the report");
        Assert.That(html, Does.Contain("<title>Sweep | &lt;b&gt;&amp;</title>"));
    }

    [Test]
    public void JsonCarriesTheSummary()
    {
        using var doc = JsonDocument.Parse(Read(JsonExporter.FileName));
        var scenes = doc.RootElement.GetProperty("scenes");
        Assert.That(scenes.GetArrayLength(), Is.EqualTo(_summary.Scenes.Count));
        foreach (var (scene, json) in _summary.Scenes.Zip(scenes.EnumerateArray()))
        {
            Assert.That(json.GetProperty("scene").GetString(), Is.EqualTo(scene.Scene));
            foreach (var (r, jr) in scene.Runs.Zip(json.GetProperty("runs").EnumerateArray()))
            {
                Assert.That(jr.GetProperty("id").GetString(), Is.EqualTo(r.Id));
                Assert.That(jr.GetProperty("successes").GetInt32(), Is.EqualTo(r.Successes));
                Assert.That(jr.GetProperty("ci_low").GetDouble(), Is.EqualTo(r.CiLow));
                Assert.That(jr.GetProperty("complete").GetBoolean(), Is.EqualTo(r.Complete));
            }
            Assert.That(json.GetProperty("paired").GetArrayLength(), Is.EqualTo(scene.Paired.Count));
        }
    }

    [Test]
    public void CsvHasOneRowPerRunThatRoundTrips()
    {
        using var csv = CsvReader.Create(new StreamReader(Path.Combine(_out, CsvExporter.FileName)), new CsvReaderOptions(), false);
        var runs = _summary.AllRuns.ToList();
        int i = 0;
        while (csv.Read())
        {
            var r = runs[i++];
            Assert.That(csv.GetString("run"), Is.EqualTo(r.Id));
            Assert.That(double.Parse(csv.GetString("success_rate"), CultureInfo.InvariantCulture), Is.EqualTo(r.SuccessRate));
            Assert.That(double.Parse(csv.GetString("ci95_hi"), CultureInfo.InvariantCulture), Is.EqualTo(r.CiHigh));
            Assert.That(int.Parse(csv.GetString("outcome_TIMEOUT"), CultureInfo.InvariantCulture), Is.EqualTo(r.Count("TIMEOUT")));
            Assert.That(csv.GetString("complete"), Is.EqualTo(r.Complete ? "true" : "false"));
            Assert.That(csv.GetString("policy_latency_ms_p50"), Is.EqualTo(r.PolicyLatencyMs?.P50.ToString("R", CultureInfo.InvariantCulture) ?? ""));
        }
        Assert.That(i, Is.EqualTo(runs.Count));
    }

    [Test]
    public void AnIncompleteRunWithNoEpisodesStillReports()
    {
        using var tmp = new ScratchDir();
        RunFixture.Write(tmp.Sub("started"), new RunSpec("act", 0.5) { Episodes = 0, Complete = false, EpisodesRequested = 50 });
        File.Delete(tmp.Sub("started", "episodes.csv"));
        var summary = ReportWriter.Summarise([tmp.Sub("started")], null, DateTimeOffset.UnixEpoch, "test");
        var files = ReportWriter.Write(summary, tmp.Sub("out"));
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[] { "report.md", "report.html", "report.json", "runs.csv" }), "no chart without episodes");
        var md = File.ReadAllText(tmp.Sub("out", "report.md"));
        Assert.That(md, Does.Contain("incomplete run: 0 of 50 episodes").And.Contain("No complete run: nothing to compare."));
    }

    [Test]
    public void ScenesWhoseNamesSlugAlikeGetSeparateChartFiles()
    {
        using var tmp = new ScratchDir();
        var a = RunFixture.Write(tmp.Sub("a"), new RunSpec("act", 0.5) { Episodes = 6, Scene = "kitchen table" });
        var b = RunFixture.Write(tmp.Sub("b"), new RunSpec("act", 0.5) { Episodes = 6, Scene = "kitchen-table" });
        var summary = ReportSummaryBuilder.Build([a, b], null, DateTimeOffset.UnixEpoch, "test");
        Assert.That(summary.Scenes.Select(s => s.Slug).Distinct().Count(), Is.EqualTo(2));
        var files = ReportWriter.Write(summary, tmp.Sub("out"));
        Assert.That(files.Count(f => f.EndsWith(".svg")), Is.EqualTo(summary.Scenes.Sum(s => ReportCharts.For(s).Count)));
        Assert.That(files.Distinct().Count(), Is.EqualTo(files.Count));
    }

    [TestCase(0.5)]
    [TestCase(0.0123456)]
    [TestCase(0.0009996)]
    [TestCase(0.099996)]
    [TestCase(0.00123)]
    [TestCase(0.999999)]
    [TestCase(3.2e-7)]
    public void PValuesPrintWithThreeSignificantDigits(double p)
    {
        var s = ReportFormat.PValue(p);
        double back = double.Parse(s, CultureInfo.InvariantCulture);
        Assert.That(Math.Abs(back - p) / p, Is.LessThan(0.005 + 1e-12), s);
        var digits = s.Split('e')[0].TrimStart('0', '.').Replace(".", "");
        Assert.That(digits, Has.Length.EqualTo(3), s);
    }

    [Test]
    public void LongCheckpointPathsKeepTheirDistinctiveEnd()
    {
        const string path = "outputs/train/act_so101/checkpoints/010000/pretrained_model";
        var s = ReportFormat.ShortPath(path);
        Assert.That(s, Has.Length.LessThanOrEqualTo(32));
        Assert.That(s, Does.StartWith("…/"));
        Assert.That(path, Does.EndWith(s[2..]));
        Assert.That(ReportFormat.ShortPath("last"), Is.EqualTo("last"));
    }

    [Test]
    public void PercentagesUseAtMostOneDecimal()
    {
        foreach (var f in new[] { 0.0, 1.0, 1 / 3.0, 0.875, 0.05 })
        {
            var s = ReportFormat.Percent(f);
            Assert.That(s, Does.Match(@"^\d{1,3}(\.\d)?%$"));
            Assert.That(double.Parse(s.TrimEnd('%'), CultureInfo.InvariantCulture), Is.EqualTo(f * 100).Within(0.05 + 1e-9));
        }
    }
}
