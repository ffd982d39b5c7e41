using System.Diagnostics;
using Harness.Tests.Rendering.Native;

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

    [Test]
    public void Window_reports_key_presses_and_mouse_drags_as_records()
    {
        // A private X server, a child `harness render --window --echo-input`, and XTest input.
        int n = Enumerable.Range(91, 60).First(i => !File.Exists($"/tmp/.X11-unix/X{i}") && !File.Exists($"/tmp/.X{i}-lock"));
        string display = $":{n}";
        using var xvfb = Process.Start(new ProcessStartInfo("Xvfb", [display, "-screen", "0", "640x480x24", "-nolisten", "tcp"])
            { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!File.Exists($"/tmp/.X11-unix/X{n}") && DateTime.UtcNow < until) Thread.Sleep(50);
            var psi = new ProcessStartInfo("dotnet", [Harness, "render", "--scene", RenderTestScene.Scene, "--window", "--echo-input",
                "--frames", "100000", "--image-size", "240x320"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.Environment["DISPLAY"] = display;
            using var child = Process.Start(psi)!;
            var lines = new List<string>();
            var ready = new ManualResetEventSlim();
            child.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (lines) lines.Add(e.Data);
                if (e.Data == "window ready") ready.Set();
            };
            child.BeginOutputReadLine();
            var stderr = child.StandardError.ReadToEndAsync();
            try
            {
                Assert.That(ready.Wait(TimeSpan.FromSeconds(30)), Is.True, "the window came up");
                using (var x = new XTest(display))
                {
                    x.Move(100, 100);
                    x.Key(0x61); // XK_a
                    x.Button(1, press: true);
                    x.Move(140, 120);
                    x.Move(180, 130);
                    x.Button(1, press: false);
                    x.Key(0xff1b); // XK_Escape closes the window
                }
                Assert.That(child.WaitForExit(30_000), Is.True, "Escape closed the window");
            }
            finally { if (!child.HasExited) child.Kill(); }
            string all;
            lock (lines) all = string.Join("\n", lines);
            Assert.That(all, Does.Contain("KeyPressed { X = 100, Y = 100, Key = 65, Modifiers = None, Repeat = False, Char = A }"), all + stderr.Result);
            Assert.That(all, Does.Contain("MouseButtonChanged { X = 100, Y = 100, Button = Left, Pressed = True"));
            Assert.That(all, Does.Contain("MouseDragged { X = 140, Y = 120, Button = Left, Dx = 40, Dy = 20 }"));
            Assert.That(all, Does.Contain("Key = 256, Modifiers = None, Repeat = False"));
        }
        finally
        {
            xvfb.Kill();
            xvfb.WaitForExit();
        }
    }
}
