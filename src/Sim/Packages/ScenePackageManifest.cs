namespace Harness.Sim.Packages;

// The file format of scene.yaml (harness.scene/1), as YamlDotNet binds it (snake_case keys).
// Validation against the MJCF and the contracts happens in ScenePackageLoader; these classes only
// carry what the file says, so every field is nullable and checked there with the key's path.

/// <summary>scene.yaml, the declarative half of a scene package.</summary>
public sealed class ScenePackageManifest
{
    public string? Format { get; set; }
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Description { get; set; }
    public string? Mjcf { get; set; }
    public RobotSection? Robot { get; set; }
    public List<CameraSection>? Cameras { get; set; }
    public List<string>? VideoCameras { get; set; }
    public string? ViewCamera { get; set; }
    public List<LayoutSection>? Layout { get; set; }
    public List<PrivilegedSection>? Privileged { get; set; }
    public TaskSection? Task { get; set; }
    public Dictionary<string, object>? Expert { get; set; }
    /// <summary>Robustness axes (see <see cref="PerturbationSection"/>); optional.</summary>
    public List<PerturbationSection>? Perturbations { get; set; }
}

public sealed class RobotSection
{
    public string? Type { get; set; }
    public double? ControlHz { get; set; }
    public int? Substeps { get; set; }
    public int? MaxEpisodeSteps { get; set; }
    public List<double>? Home { get; set; }
    public double? SettleS { get; set; }
    public List<JointSection>? Joints { get; set; }
    public List<GripperSection>? Grippers { get; set; }
    /// <summary>Bodies held up by an applied m*g force (for models whose servos have no gravity compensation in 2.2.2).</summary>
    public List<string>? GravityCompensation { get; set; }
    /// <summary>The end effector that end-effector actions pose (IK); absent: the scene takes joint actions only.</summary>
    public EndEffectorSection? EndEffector { get; set; }
}

/// <summary>
/// robot.end_effector: the frame end-effector poses are expressed in (base: a body), the posed
/// frame (tool_site: a site; default the first gripper's), the tool-site axis the approach points
/// along, the orientation components the arm can honour (roll, pitch, yaw or all; a 5-DoF arm
/// honours two), and the tolerance within which an IK target counts as reached.
/// </summary>
public sealed class EndEffectorSection
{
    public string? Base { get; set; }
    public string? ToolSite { get; set; }
    public List<double>? ApproachAxis { get; set; }
    public List<string>? Honoured { get; set; }
    public ToleranceSection? Tolerance { get; set; }
}

public sealed class ToleranceSection
{
    public double? PositionMm { get; set; }
    public double? OrientationDeg { get; set; }
}

/// <summary>
/// One state/action element: which MJCF joint and actuator it is, its unit and kind, and how
/// simulator values map to feature values (linear: sim_range -> feature_range; without them, the
/// unit conversion from the joint's native unit: rad -> deg or 1:1).
/// </summary>
public sealed class JointSection
{
    public string? Key { get; set; }
    public string? Joint { get; set; }
    public string? Actuator { get; set; }
    public string? Unit { get; set; }
    public string? Kind { get; set; }
    public List<double>? SimRange { get; set; }
    /// <summary>How sim_range is written: deg, rad or m (default: the joint's native unit, rad or m).</summary>
    public string? SimUnit { get; set; }
    public List<double>? FeatureRange { get; set; }
    /// <summary>Actuator control values matching feature_range (default: the joint's simulator value).</summary>
    public List<double>? CtrlRange { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? Open { get; set; }
    public double? Closed { get; set; }
}

public sealed class GripperSection
{
    public string? Name { get; set; }
    public string? ToolSite { get; set; }
    public List<string>? FixedJaw { get; set; }
    public List<string>? MovingJaw { get; set; }
    public List<string>? Bodies { get; set; }
    /// <summary>The key of the state/action element that opens and closes this gripper.</summary>
    public string? Element { get; set; }
}

/// <summary>A camera feature: its name, the MJCF camera it renders (default: the same name), kind, resolution and (depth) encoding.</summary>
public sealed class CameraSection
{
    public string? Name { get; set; }
    public string? Mjcf { get; set; }
    public string? Kind { get; set; }
    public List<int>? Resolution { get; set; }
    /// <summary>Depth cameras: m (metres, default) or 0-1 (scaled over range_m).</summary>
    public string? Unit { get; set; }
    /// <summary>Depth cameras: 1 (default) or 3 (the value replicated).</summary>
    public int? Channels { get; set; }
    /// <summary>Depth cameras: [near, far] metres the values are clipped (m) or scaled (0-1) to; default the model's clipping planes.</summary>
    public List<double>? RangeM { get; set; }
}

/// <summary>A body with a free joint placed from the episode seed: x, y (m), yaw (deg) uniform in ranges; z fixed.</summary>
public sealed class LayoutSection
{
    public string? Joint { get; set; }
    public List<double>? X { get; set; }
    public List<double>? Y { get; set; }
    public List<double>? YawDeg { get; set; }
    public double? Z { get; set; }
}

/// <summary>A body whose pose is exposed in observation.environment_state (privileged: sim only).</summary>
public sealed class PrivilegedSection
{
    public string? Body { get; set; }
    public List<string>? Parts { get; set; }
}

public sealed class TaskSection
{
    public string? Type { get; set; }
    public string? Prompt { get; set; }
    public Dictionary<string, object>? Object { get; set; }
    public Dictionary<string, object>? Goal { get; set; }
    public Dictionary<string, object>? Parameters { get; set; }
}
