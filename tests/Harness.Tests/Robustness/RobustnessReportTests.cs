using System.Text.RegularExpressions;
using Harness.Eval.Robustness;
using Harness.Eval.Runs;
using Harness.Tests.Reports;
using Harness.Tests.Support;
using Microsoft.Playwright;

namespace Harness.Tests.Robustness;

/// <summary>
/// The robustness report built from a hand-made sweep folder (robustness.json and runs written by
/// the real RunDirectoryWriter, with exact outcomes), so every number in it is known in advance.
/// </summary>
[NonParallelizable]
public class RobustnessReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    // Checkpoint a: 9/10 nominal, 8/10, 3/10 along size; checkpoint b: 10/10, 10/10, 9/10. Latency: flat 9/10 for a.
    private static bool[] Pattern(int successes) => Enumerable.Range(0, 10).Select(i => i < successes).ToArray();

    private static string MakeSweep(TempDir dir, bool twoCheckpoints = true)
    {
        string root = dir["sweep"];
        var size = new AxisPlan("size", "geom_scale", "block edge length", "x", 1, 0.8, 1.2, "initial_state",
            [new(0, [1], "x1"), new(1, [0.9, 1.1], "x0.9 / x1.1"), new(2, [0.8, 1.2], "x0.8 / x1.2")]);
        var latency = new AxisPlan("latency", "action_latency", "late actions", "steps", 0, 0, 4, "none",
            [new(0, [0], "0 steps"), new(1, [2], "2 steps"), new(2, [4], "4 steps")]);
        Directory.CreateDirectory(Path.Combine(root, "stills"));
        File.WriteAllBytes(Path.Combine(root, "stills", "size_level_0_0.png"), TestPng.Make(40, 30, 0));
        File.WriteAllBytes(Path.Combine(root, "stills", "size_level_2_0.png"), TestPng.Make(40, 30, 2));
        new RobustnessPlan
        {
            Scene = "so101_pick_cube", Seed = 7, Episodes = 10, Levels = 3,
            Checkpoints = twoCheckpoints ? [new("a", "onnx:a"), new("b", "onnx:b")] : [new("a", "onnx:a")],
            Axes = [size, latency],
            Stills = [new("size", 0, "stills/size_level_0_0.png", "level 0: x1 (nominal)"), new("size", 2, "stills/size_level_2_0.png", "level 2: x1.2")],
        }.Write(root);
        void Run(string ckpt, string axis, int level, int successes) =>
            RunFixture.Write(Path.Combine(root, RobustnessPlan.RunPath(ckpt, axis, level)), new RunSpec("onnx:" + ckpt, 0) { Pattern = Pattern(successes) });
        Run("a", "size", 0, 9); Run("a", "size", 1, 8); Run("a", "size", 2, 3);
        Run("a", "latency", 0, 9); Run("a", "latency", 1, 9); Run("a", "latency", 2, 9);
        if (twoCheckpoints) { Run("b", "size", 0, 10); Run("b", "size", 1, 10); Run("b", "size", 2, 9); }
        return root;
    }

    [Test]
    public void Levels_verdicts_and_paired_tests_come_out_of_the_runs()
    {
        using var dir = new TempDir();
        var r = RobustnessReportBuilder.Build(MakeSweep(dir), DateTimeOffset.UnixEpoch, "test");
        var a = r.Axes[0].Curves[0];
        Assert.That(a.Levels.Select(l => (l.Successes, l.Episodes)), Is.EqualTo(new[] { (9, 10), (8, 10), (3, 10) }));
        // Level 2 against nominal: 6 episodes succeed only at nominal, none only at level 2: p = 2 * 0.5^6.
        Assert.That(a.Levels[2].PVersusNominal, Is.EqualTo(0.03125).Within(1e-12));
        Assert.That(a.Levels[1].PVersusNominal, Is.EqualTo(1).Within(1e-12), "one discordant episode: p = 1");
        Assert.That(a.Levels[2].Count("NEVER_PICKED_UP"), Is.EqualTo(7));
        Assert.That(a.Levels[2].CiLow, Is.EqualTo(0.1078).Within(0.0001), "Wilson 95 % for 3/10");
        Assert.That(a.Verdict, Is.EqualTo("success falls below half of nominal at size x0.8 / x1.2 (level 2: 90 % → 30 %)."));
        Assert.That(r.Axes[0].Curves[1].Verdict, Does.StartWith("no significant drop up to size x0.8 / x1.2"));
        Assert.That(r.Axes[1].Curves[0].Verdict, Is.EqualTo("no drop up to latency 4 steps (level 2): every level at or above nominal 90 %."));
        Assert.That(r.Axes[1].Curves[1].Levels.All(l => l is { Episodes: 0, Note: "not run yet" }), Is.True, "b never ran latency");

        var c = r.Axes[0].Comparisons.Single(x => x.Level == 2);
        Assert.That((c.A, c.B, c.Pairs, c.OnlyA, c.OnlyB), Is.EqualTo(("a", "b", 10, 0, 6)));
        Assert.That(c.PValue, Is.EqualTo(0.03125).Within(1e-12));
        // Three comparisons in the axis (levels 0, 1, 2): Holm multiplies the smallest p by 3.
        Assert.That(c.PValueHolm, Is.EqualTo(0.09375).Within(1e-12));
    }

    [Test]
    public void Markdown_shows_a_chart_per_axis_the_outcomes_per_level_and_the_stills()
    {
        using var dir = new TempDir();
        var root = MakeSweep(dir);
        var files = RobustnessReportWriter.Write(root, DateTimeOffset.UnixEpoch, "test");
        var md = File.ReadAllText(Path.Combine(root, "report.md"));
        Assert.That(md, Does.Contain("- **size** (`a`): success falls below half of nominal at size x0.8 / x1.2 (level 2: 90 % → 30 %)."));
        Assert.That(md, Does.Contain("## Axis `size`").And.Contain("## Axis `latency`"));
        Assert.That(Regex.Matches(md, @"!\[Success against level along (\w+)").Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "size", "latency" }));
        Assert.That(md, Does.Contain("| 2 | x0.8 / x1.2 | 10 | 30.0% (3/10) | 10.8–60.3% | 0.0313 | 7 |"), "the level row: success, CI, p vs nominal, never picked up");
        Assert.That(md, Does.Contain("| 2 | `a` | `b` | 10 | 30.0% | 90.0% | 0 | 6 | 0.0313 | 0.0938 |"));
        Assert.That(md, Does.Contain("![level 2: x1.2](stills/size_level_2_0.png)"));
        Assert.That(md, Does.Contain("A still cannot show `latency`"));
        foreach (var chart in new[] { "size-success.svg", "size-outcomes-a.svg", "size-outcomes-b.svg", "latency-success.svg", "latency-outcomes-a.svg" })
            Assert.That(files, Does.Contain(Path.Combine(root, "charts", chart)));
        Assert.That(File.ReadAllText(Path.Combine(root, "charts", "size-outcomes-a.svg")), Does.Contain("L2 x0.8 / x1.2"));
    }

    [Test]
    public async Task Html_is_self_contained_and_draws_every_chart_and_still_in_a_browser()
    {
        if (!File.Exists(Chromium)) Assert.Fail($"{Chromium} not found; install Debian's chromium (scripts/setup.sh does) to run the browser tests.");
        using var dir = new TempDir();
        var root = MakeSweep(dir);
        RobustnessReportWriter.Write(root, DateTimeOffset.UnixEpoch, "test");
        var html = Path.Combine(root, "report.html");
        Assert.That(File.ReadAllText(html), Does.Not.Contain("http://").And.Not.Contain("https://"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, q) => requests.Add(q.Url);
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        Assert.That(requests.Where(u => !u.StartsWith("data:", StringComparison.Ordinal)), Is.EqualTo(new[] { new Uri(html).AbsoluteUri }));
        Assert.That(await page.Locator("figure[data-chart] svg").CountAsync(), Is.EqualTo(5));
        Assert.That(await page.Locator("section#axis-size figure[data-chart] circle").CountAsync(), Is.EqualTo(6), "3 levels x 2 checkpoints");
        var stills = page.Locator(".stills img");
        Assert.That(await stills.CountAsync(), Is.EqualTo(2));
        for (int i = 0; i < 2; i++) Assert.That(await stills.Nth(i).EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(40));
        Assert.That(await page.Locator("ul.verdicts li").CountAsync(), Is.EqualTo(4), "one verdict per axis and checkpoint");
    }

    [Test]
    public void A_folder_that_is_not_a_sweep_is_refused_with_what_to_do()
    {
        using var dir = new TempDir();
        Assert.That(() => RobustnessReportBuilder.Build(dir.Path, DateTimeOffset.UnixEpoch, "test"),
            Throws.TypeOf<RunDirectoryException>().With.Message.Contains("has no robustness.json").And.Message.Contains("harness robustness"));
    }
}
