using Harness.Sim.Native;

namespace Harness.Tests.Rendering;

public class GlfwWindowViewTests
{
    private static string Harness => Path.Combine(AppContext.BaseDirectory, "harness.dll");

    [Test]
    public void Window_under_xvfb_draws_the_scene_and_saves_a_screenshot()
    {
        // The glfw backend owns its process (one backend per process), so the window runs in a
        // child `harness render --window` on a virtual X server.
        string dir = Path.Combine(Path.GetTempPath(), $"harness-window-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string png = Path.Combine(dir, "window.png");
            var (code, output, err) = ProcessRunner.Run("xvfb-run", ["-a", "-s", "-screen 0 1024x768x24", "dotnet", Harness, "render",
                "--scene", RenderTestScene.Scene, "--window", "--frames", "2", "--image-size", "240x320", "--out", png]);
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(output, Does.Contain("glfw"));
            var rgb = ProcessRunner.DecodeRgb(png);
            Assert.That(rgb.Length, Is.EqualTo(240 * 320 * 3), "the screenshot has the window's size");
            int red = 0, blue = 0;
            for (int i = 0; i < rgb.Length; i += 3)
            {
                if (rgb[i] > 120 && rgb[i + 1] < 70 && rgb[i + 2] < 70) red++;
                if (rgb[i + 2] > 120 && rgb[i] < 80) blue++;
            }
            Assert.That(red, Is.GreaterThan(10), "block");
            Assert.That(blue, Is.GreaterThan(50), "bowl");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Window_without_a_display_says_what_is_missing()
    {
        var (code, _, err) = ProcessRunner.Run("dotnet", [Harness, "render", "--scene", RenderTestScene.Scene, "--window", "--frames", "1"],
            new Dictionary<string, string> { ["DISPLAY"] = "" });
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("DISPLAY").And.Contain("xvfb-run"));
    }
}
