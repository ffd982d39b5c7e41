using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// Options for a simulated environment. Cameras are rendered at <see cref="ImageHeight"/> x
/// <see cref="ImageWidth"/> and only when a policy or recorder asks for them.
/// </summary>
public sealed record MujocoEnvOptions(
    int ImageHeight = 480,
    int ImageWidth = 640,
    Func<MjModel, int, int, ICameraRenderer>? RendererFactory = null,
    int? MaxEpisodeSteps = null);
