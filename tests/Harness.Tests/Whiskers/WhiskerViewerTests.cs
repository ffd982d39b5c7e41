using Harness.Sim.Whiskers;
using Harness.Tests.Rendering;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

public class WhiskerViewerTests
{
    private static string Harness => Path.Combine(AppContext.BaseDirectory, "harness.dll");

    [Test]
    public void Viewer_under_xvfb_steps_through_the_history_and_shows_whiskers_and_path()
    {
        // The viewer owns its process (GLFW is the process's one GL backend), so it runs in a
        // child `harness whiskers --interactive` on a virtual X server, driven by scripted keys:
        // HOME pauses at the start, each PAGEDOWN steps 10 states forward, to state 100 (the carry phase).
        using var dir = new TempDir("wv");
        string shot = dir["viewer.png"];
        var keys = "HOME," + string.Join(",", Enumerable.Repeat("PAGEDOWN", 10)) + ",RIGHT,LEFT";
        var (code, output, err) = ProcessRunner.Run("xvfb-run", ["-a", "-s", "-screen 0 1024x768x24", "dotnet", Harness, "whiskers",
                "--scene", WhiskerFixture.Scene, "--policy", "scripted", "--seed", "1", "--out", dir["w"], "--image-size", "240x320",
                "--no-video", "--interactive"],
            new Dictionary<string, string>
            {
                ["HARNESS_VIEWER_AUTOCLOSE_FRAMES"] = "16",
                ["HARNESS_VIEWER_SCREENSHOT"] = shot,
                ["HARNESS_VIEWER_KEYS"] = keys,
            }, timeoutMs: 120_000);
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Match(@"viewer closed at step 100 of \d+"));
        var rgb = ProcessRunner.DecodeRgb(shot);
        Assert.That(rgb.Length, Is.EqualTo(240 * 320 * 3));
        int green = 0, orange = 0;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            if (WhiskersCommandTests.Green(rgb[i], rgb[i + 1], rgb[i + 2])) green++;
            if (WhiskersCommandTests.Orange(rgb[i], rgb[i + 1], rgb[i + 2])) orange++;
        }
        Assert.That(green, Is.GreaterThan(10), "the current prediction (green)");
        Assert.That(orange, Is.GreaterThan(10), "the actual tool path (orange)");
    }

    [Test]
    public void Interactive_with_another_gl_backend_is_refused_with_the_reason()
    {
        using var dir = new TempDir("wg");
        var (code, _, err) = ProcessRunner.Run("dotnet", [Harness, "whiskers", "--scene", WhiskerFixture.Scene, "--policy", "scripted",
            "--out", dir["w"], "--interactive", "--gl", "osmesa"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("GLFW").And.Contain("--gl"));
    }

    [Test]
    public void Scripted_keys_are_parsed_or_refused_by_name()
    {
        Assert.That(WhiskerViewer.ParseKeys("space, left,RIGHT,w"),
            Is.EqualTo(new[] { 32, 263, 262, 'W' }));
        Assert.Throws<ArgumentException>(() => WhiskerViewer.ParseKeys("F13"));
    }
}
