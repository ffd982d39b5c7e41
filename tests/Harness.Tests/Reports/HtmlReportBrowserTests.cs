using Harness.Eval.Reports;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Harness.Tests.Reports;

/// <summary>Loads report.html in the system's headless Chromium (never a downloaded browser) through Playwright.</summary>
[NonParallelizable]
public class HtmlReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task ReportLoadsOfflineWithEveryChartDrawn()
    {
        if (!File.Exists(Chromium))
            Assert.Fail($"{Chromium} not found; install Debian's chromium (scripts/setup.sh does) to run the browser tests.");
        var artifacts = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-artifacts");
        if (Directory.Exists(artifacts)) Directory.Delete(artifacts, true);
        var scenario = new ReportScenario(Path.Combine(artifacts, "runs"));
        var outDir = Path.Combine(artifacts, "report");
        var summary = ReportSummaryBuilder.Build(scenario.Runs.Values.ToList(), "ACT sweep vs baselines", DateTimeOffset.UtcNow, "test");
        ReportWriter.Write(summary, outDir);
        var html = Path.Combine(outDir, HtmlExporter.FileName);
        var fileUrl = new Uri(html).AbsoluteUri;
        int expectedCharts = summary.Scenes.Sum(s => ReportCharts.For(s).Count);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var requests = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url}");

        var response = await page.GotoAsync(fileUrl, new() { WaitUntil = WaitUntilState.Load });
        Assert.That(response?.Ok, Is.True, "the report file loads");

        // Taken first so a failing layout check still leaves the picture to look at.
        var screen = Path.Combine(artifacts, "report-screen.png");
        await page.ScreenshotAsync(new() { Path = screen, FullPage = true });
        TestContext.AddTestAttachment(screen, "report.html at 1440x900, full page");

        Assert.That(errors, Is.Empty);
        Assert.That(requests.Where(u => !u.StartsWith("data:", StringComparison.Ordinal)), Is.EqualTo(new[] { fileUrl }),
            "the page fetches nothing but itself (stills are data: URIs)");

        var charts = page.Locator("figure[data-chart] svg");
        Assert.That(await charts.CountAsync(), Is.EqualTo(expectedCharts));
        for (int i = 0; i < expectedCharts; i++)
        {
            var chart = charts.Nth(i);
            var box = await chart.BoundingBoxAsync();
            Assert.That(box, Is.Not.Null);
            Assert.That(box!.Width, Is.GreaterThan(300), "chart is laid out at a readable size");
            Assert.That(box.Height, Is.GreaterThan(150));
            int marks = await chart.Locator("rect.bar, path.line, path.band, circle").CountAsync();
            Assert.That(marks, Is.GreaterThan(0), $"chart {i} draws data marks");
        }
        var stills = page.Locator("img");
        int stillCount = await stills.CountAsync();
        Assert.That(stillCount, Is.EqualTo(summary.AllRuns.Sum(r => Math.Min(HtmlExporter.StillsPerRun, r.WhiskerImages.Count))));
        for (int i = 0; i < stillCount; i++)
            Assert.That(await stills.Nth(i).EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(0), "embedded PNG decodes");
        Assert.That(await page.Locator("a.video").CountAsync(), Is.EqualTo(summary.AllRuns.Sum(r => r.Videos.Count)));
        Assert.That(await page.Locator("tr.incomplete").CountAsync(), Is.EqualTo(summary.AllRuns.Count(r => !r.Complete)));
        // Nothing wider than the window: tables scroll inside their own box instead.
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True);
        int overflow = await page.EvaluateAsync<int>("() => Math.max(...[...document.querySelectorAll('table.runs')].map(t => t.parentElement.scrollWidth - t.parentElement.clientWidth))");
        Assert.That(overflow, Is.LessThanOrEqualTo(1), "the run tables fit a 1440 px laptop screen without sideways scrolling (overflow in px)");

        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.That(await page.Locator("nav").IsVisibleAsync(), Is.False, "print layout hides the scene navigation");
        var printShot = Path.Combine(artifacts, "report-print.png");
        await page.SetViewportSizeAsync(1123, 794); // A4 landscape at 96 dpi
        await page.ScreenshotAsync(new() { Path = printShot, FullPage = true });
        TestContext.AddTestAttachment(printShot, "print media rendering");
        var pdf = Path.Combine(artifacts, "report-print.pdf");
        await page.PdfAsync(new() { Path = pdf, Landscape = true, Format = "A4", PrintBackground = true });
        Assert.That(new FileInfo(pdf).Length, Is.GreaterThan(10_000));
        TestContext.AddTestAttachment(pdf, "print rendering");
        Assert.That(errors, Is.Empty);
    }
}
