using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Scenes;

/// <summary>
/// A named scene: its MJCF (relative to scenes/), robot description and task. Environments are
/// built from it, one per worker.
/// </summary>
public sealed record SceneDefinition(
    string Name,
    string Description,
    string MjcfPath,
    string RobotType,
    double ControlHz,
    int MaxEpisodeSteps,
    IReadOnlyList<string> CameraNames,
    Func<MjModel, IJointMap> CreateJoints,
    Func<MjModel, ISceneTask> CreateTask,
    IReadOnlyList<double> HomePose);
