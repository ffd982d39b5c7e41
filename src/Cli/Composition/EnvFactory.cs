using Harness.Sim.Env;

namespace Harness.Cli.Composition;

/// <summary>Builds simulated environments for a scene with the command line's image options.</summary>
public static class EnvFactory
{
    public static MujocoEnv Create(SceneEntry scene, ImageOptions images, int? maxSteps = null) =>
        new(scene.Definition, new MujocoEnvOptions(images.Height, images.Width, images.RendererFactory, maxSteps));
}

/// <summary>Image size and GL backend chosen on the command line.</summary>
public sealed record ImageOptions(int Height = 480, int Width = 640, Func<Harness.Sim.Native.MjModel, int, int, ICameraRenderer>? RendererFactory = null)
{
    public static (int H, int W) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int h) && int.TryParse(parts[1], out int w) && h > 0 && w > 0 && h <= 4096 && w <= 4096)
            return (h, w);
        throw new ArgumentException($"--image-size expects HEIGHTxWIDTH such as 224x224 or 480x640; got '{text}'.");
    }
}
