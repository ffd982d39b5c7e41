using System.CommandLine;

namespace Harness.Cli.Commands;

/// <summary>Options several commands share, so they are spelled the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<string> Scene(bool required = true) => new("--scene")
    {
        Description = $"Scene name (see `harness scenes`), e.g. {Harness.Sim.Scenes.SceneCatalog.Default}.",
        Required = required,
        DefaultValueFactory = required ? null! : _ => Harness.Sim.Scenes.SceneCatalog.Default,
    };

    public static Option<string> Policy() => new("--policy")
    {
        Description = "Policy: scripted, scripted:weak-grip|miss-grasp|wrong-goal|stall, onnx:DIR, openpi:ws://HOST:PORT.",
        Required = true,
    };

    public static Option<int> Seed() => new("--seed") { Description = "Run seed; episode i always starts from the same state for the same seed.", DefaultValueFactory = _ => 0 };

    /// <summary>No default here: <see cref="Composition.PolicyImageSize"/> picks the policy's declared size, else 480x640.</summary>
    public static Option<string?> ImageSize() => new("--image-size")
    {
        Description = "Camera image size HEIGHTxWIDTH (default: the size an onnx: package's image inputs declare in policy.json `resize`, else 480x640).",
    };

    public static Option<string?> Gl() => new("--gl")
    {
        Description = "GL backend for camera images: osmesa (software), egl (GPU when present, else Mesa) or glfw (needs an X display). Default: $HARNESS_GL, else osmesa.",
    };
}
