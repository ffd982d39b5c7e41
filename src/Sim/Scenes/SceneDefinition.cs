using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Scenes;

/// <summary>
/// A gripper as generic code needs to know it: the site whose path whiskers draw, and the prefixes
/// of the geoms of its fixed and moving jaw (grasp and release moments are found from their contacts).
/// </summary>
public sealed record GripperDescription(string Name, string ToolSite, string FixedJawPrefix, string MovingJawPrefix);

/// <summary>
/// A named scene: its MJCF (relative to scenes/), robot description and task, and the defaults
/// generic code reads instead of naming cameras or sites itself (cameras tiled in videos, the camera
/// whiskers are drawn from, the grippers). Environments are built from it, one per worker.
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
    IReadOnlyList<double> HomePose,
    IReadOnlyList<GripperDescription> Grippers,
    IReadOnlyList<string> VideoCameras,
    string ViewCamera,
    Harness.Core.Tasks.TaskSchema Schema)
{
    public GripperDescription PrimaryGripper => Grippers.Count > 0 ? Grippers[0]
        : throw new InvalidOperationException($"scene '{Name}' declares no gripper; whiskers need a tool site to draw.");
}
