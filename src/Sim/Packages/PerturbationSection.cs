namespace Harness.Sim.Packages;

/// <summary>
/// One entry of scene.yaml's <c>perturbations:</c> list: a robustness axis for
/// <c>harness robustness</c>. Every axis has a name, a kind, a nominal value and a range; the other
/// keys belong to particular kinds (Sim/Perturbations checks which apply and resolves the names
/// against the MJCF). Example:
/// <code>- {name: size, kind: geom_scale, geoms: [block], nominal: 1, range: [0.8, 1.2]}</code>
/// </summary>
public sealed class PerturbationSection
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Description { get; set; }
    public string? Unit { get; set; }
    public double? Nominal { get; set; }
    public List<double>? Range { get; set; }

    /// <summary>Geom names or name prefixes (geom_scale, geom_friction, geom_colour, geom_material).</summary>
    public List<string>? Geoms { get; set; }
    /// <summary>Body names (body_mass).</summary>
    public List<string>? Bodies { get; set; }
    /// <summary>MJCF light names (light_direction, light_intensity).</summary>
    public List<string>? Lights { get; set; }
    /// <summary>MJCF camera names (camera_pose, camera_fov).</summary>
    public List<string>? Cameras { get; set; }
    /// <summary>MJCF material names, in order of distance from nominal (geom_material).</summary>
    public List<string>? Materials { get; set; }
    /// <summary>State/action element keys (joint_noise; default: every joint that is not a gripper).</summary>
    public List<string>? Joints { get; set; }
    /// <summary>Vector feature names (observation_noise; default: observation.state).</summary>
    public List<string>? Features { get; set; }
    /// <summary>Task texts, in order of distance from the scene's prompt (prompt).</summary>
    public List<string>? Paraphrases { get; set; }
    /// <summary>The body pushed (push).</summary>
    public string? Body { get; set; }
    /// <summary>When the push starts (push): <c>{lifted_m: 0.03}</c> (optionally <c>body:</c>, default the pushed body) or <c>{steps: [a, b]}</c>.</summary>
    public Dictionary<string, object>? Trigger { get; set; }
    /// <summary>How long the push lasts, s (push).</summary>
    public double? DurationS { get; set; }
    /// <summary>A fixed push direction in the world frame (push; default horizontal, drawn from the seed).</summary>
    public List<double>? Direction { get; set; }
    /// <summary>Camera tilt at the edge of the range, deg (camera_pose; default 0).</summary>
    public double? TiltDeg { get; set; }
}
