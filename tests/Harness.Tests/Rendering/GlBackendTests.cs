using Harness.Sim.Native;

namespace Harness.Tests.Rendering;

public class GlBackendTests
{
    [Test]
    public void A_second_backend_in_the_same_process_is_refused_clearly()
    {
        GlLibrary.EnsureLoaded(GlBackend.OsMesa);
        var ex = Assert.Throws<GlUnavailableException>(() => GlLibrary.EnsureLoaded(GlBackend.Egl));
        Assert.That(ex!.Message, Does.Contain("one backend per process"));
    }

    [Test]
    public void Unknown_backend_name_lists_the_valid_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => GlBackends.Parse("vulkan"));
        Assert.That(ex!.Message, Does.Contain("osmesa, egl"));
    }

    [Test]
    public void Egl_renders_the_same_still_in_a_fresh_process()
    {
        // One backend per process, so EGL runs in a child `harness render`.
        string dll = Path.Combine(AppContext.BaseDirectory, "harness.dll");
        string dir = Path.Combine(Path.GetTempPath(), $"harness-egl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var png = Path.Combine(dir, "egl.png");
            var (code, output, err) = ProcessRunner.Run("dotnet", [dll, "render", "--scene", RenderTestScene.Scene, "--camera", "overhead_cam",
                "--seed", "0", "--image-size", "120x160", "--gl", "egl", "--out", png]);
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(output, Does.Contain("egl"));
            var rgb = ProcessRunner.DecodeRgb(png);
            Assert.That(rgb.Length, Is.EqualTo(120 * 160 * 3));
            int red = 0;
            for (int i = 0; i < rgb.Length; i += 3) if (rgb[i] > 120 && rgb[i + 1] < 70 && rgb[i + 2] < 70) red++;
            Assert.That(red, Is.GreaterThan(5));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Missing_gl_library_names_the_debian_package()
    {
        var (code, _, err) = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "harness.dll"), "render", "--scene", RenderTestScene.Scene,
            "--camera", "overhead_cam", "--out", Path.Combine(Path.GetTempPath(), "never.png")],
            new Dictionary<string, string> { [GlLibrary.OsMesaPathVariable] = "/nonexistent/libOSMesa.so.8", [GlBackends.Variable] = "osmesa" });
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("libosmesa6").And.Contain("./scripts/setup.sh"));
    }
}
