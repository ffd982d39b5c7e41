using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// Options for a simulated environment. Cameras are rendered at <see cref="ImageHeight"/> x
/// <see cref="ImageWidth"/> (null: each camera's resolution from the scene, else 480x640), and only
/// when a policy or recorder asks for them.
/// </summary>
public sealed record MujocoEnvOptions(
    int? ImageHeight = null,
    int? ImageWidth = null,
    Func<MjModel, int, int, ICameraRenderer>? RendererFactory = null,
    int? MaxEpisodeSteps = null)
{
    public const int DefaultHeight = 480, DefaultWidth = 640;
}
