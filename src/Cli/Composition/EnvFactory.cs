using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Cli.Composition;

/// <summary>Builds simulated environments for a scene with the command line's image options.</summary>
public static class EnvFactory
{
    // Without an explicit factory, cameras render with the backend from HARNESS_GL (default
    // OSMesa); the GL context is only created when a camera is first rendered.
    public static MujocoEnv Create(SceneEntry scene, ImageOptions images, int? maxSteps = null) =>
        new(scene.Definition, new MujocoEnvOptions(images.Height, images.Width,
            images.RendererFactory ?? CameraRenderer.Factory(GlBackends.Resolve()), maxSteps));
}

/// <summary>Image size and GL backend chosen on the command line.</summary>
public sealed record ImageOptions(int Height = 480, int Width = 640, Func<Harness.Sim.Native.MjModel, int, int, ICameraRenderer>? RendererFactory = null)
{
    /// <summary>Images of the given size rendered with the chosen backend (null: HARNESS_GL, else osmesa).</summary>
    public static ImageOptions From(string size, string? gl)
    {
        var (h, w) = ParseSize(size);
        return new ImageOptions(h, w, CameraRenderer.Factory(GlBackends.Resolve(gl)));
    }

    public static (int H, int W) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int h) && int.TryParse(parts[1], out int w) && h > 0 && w > 0 && h <= 4096 && w <= 4096)
            return (h, w);
        throw new ArgumentException($"--image-size expects HEIGHTxWIDTH such as 224x224 or 480x640; got '{text}'.");
    }
}
