using Harness.Core.Kinematics;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Perturbations;

namespace Harness.Sim.Scenes;

/// <summary>
/// A gripper as generic code needs to know it: the site whose path whiskers draw, the geoms of its
/// fixed and moving jaw (grasp and release are found from their contacts; names or name prefixes),
/// the bodies that make it up, and the state/action element that opens and closes it.
/// </summary>
public sealed record GripperDescription(string Name, string ToolSite, IReadOnlyList<string> FixedJaw, IReadOnlyList<string> MovingJaw,
    IReadOnlyList<string> Bodies, string? Element = null);

/// <summary>
/// A camera feature of a scene: its feature name, the MJCF camera it renders, its kind and default
/// resolution; for depth, the encoding (unit m or 0-1, channels 1 or 3, range in metres: default
/// the model's clipping planes).
/// </summary>
public sealed record SceneCamera(string Name, string MjcfCamera, CameraKind Kind, int? Height = null, int? Width = null,
    string? DepthUnit = null, int? DepthChannels = null, IReadOnlyList<double>? DepthRangeM = null);

/// <summary>The parts of a scene bound to one loaded model (ids resolved): built once per environment.</summary>
public sealed record SceneParts(IJointMap Joints, ISceneTask Task, InitialLayout Layout, PrivilegedState Privileged, IReadOnlyList<int> GravityCompensated);

/// <summary>
/// The scripted policies a scene's task type offers (the expert and its deliberate faults), built
/// from the scene's own description: <c>scripted</c>, <c>scripted:weak-grip</c>, ...
/// </summary>
public sealed record SceneExperts(IReadOnlyList<string> Variants, Func<string, int, IPolicy> Create, IReadOnlyDictionary<string, string> Descriptions);

/// <summary>
/// A scene as the simulator uses it, loaded from a scene package (built-in or a user's folder):
/// its MJCF, robot, cameras, task, initial-state distribution, and the defaults generic code reads
/// instead of naming cameras or sites itself (cameras tiled in videos, the camera whiskers are drawn
/// from, the grippers). Environments are built from it, one per worker.
/// </summary>
public sealed record SceneDefinition(
    string Name,
    string Description,
    string? Version,
    string Directory,
    string MjcfPath,
    string Sha256,
    string RobotType,
    double ControlHz,
    int? Substeps,
    int MaxEpisodeSteps,
    double SettleSeconds,
    IReadOnlyList<SceneCamera> Cameras,
    IReadOnlyList<double> HomePose,
    IReadOnlyList<GripperDescription> Grippers,
    IReadOnlyList<string> VideoCameras,
    string ViewCamera,
    TaskSchema Schema,
    string TaskText,
    Func<MjModel, SceneParts> Bind,
    SceneExperts? Experts = null,
    EndEffectorSpec? EndEffector = null)
{
    public IReadOnlyList<string> CameraNames => Cameras.Select(c => c.Name).ToArray();

    /// <summary>The robustness axes the package declares (scene.yaml <c>perturbations:</c>; empty when none).</summary>
    public IReadOnlyList<PerturbationAxis> Perturbations { get; init; } = [];

    /// <summary>An axis by name, or an error listing the scene's axes.</summary>
    public PerturbationAxis Perturbation(string name) => Perturbations.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException(Perturbations.Count == 0
            ? $"scene '{Name}' declares no perturbation axes; add a perturbations: section to its scene.yaml (see `harness scene export`)."
            : $"scene '{Name}' has no perturbation axis '{name}'; its axes are: {string.Join(", ", Perturbations.Select(a => a.Name))}.");

    public SceneCamera? Camera(string name) => Cameras.FirstOrDefault(c => c.Name == name);

    /// <summary>A scripted policy of the scene's task type (<c>scripted</c> or a fault variant).</summary>
    public IPolicy CreateExpert(string variant = "scripted", int chunkLength = 10)
    {
        if (Experts is null) throw new ArgumentException($"scene '{Name}' (task '{Schema.Name}') offers no scripted policy.");
        if (!Experts.Variants.Contains(variant))
            throw new ArgumentException($"scene '{Name}' has no scripted policy '{variant}'; it offers: {string.Join(", ", Experts.Variants)}.");
        return Experts.Create(variant, chunkLength);
    }

    public GripperDescription PrimaryGripper => Grippers.Count > 0 ? Grippers[0]
        : throw new InvalidOperationException($"scene '{Name}' declares no gripper; whiskers need a tool site to draw.");
}
