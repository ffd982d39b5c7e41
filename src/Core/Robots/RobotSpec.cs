using System.Text.Json.Serialization;
using Harness.Core.Kinematics;

namespace Harness.Core.Robots;

/// <summary>
/// What a robot (simulated or real) looks like from the policy's side: joints with units, kinds
/// and limits, cameras with kind, resolution and field of view, control rate, step limit, every
/// feature with its element units, and the action representation it accepts. Sim and real robots
/// of the same kind expose equal specs, so a policy cannot tell them apart.
/// </summary>
public sealed record RobotSpec(
    [property: JsonPropertyName("robot_type")] string RobotType,
    [property: JsonPropertyName("joints")] IReadOnlyList<JointSpec> Joints,
    [property: JsonPropertyName("cameras")] IReadOnlyList<CameraSpec> Cameras,
    [property: JsonPropertyName("control_hz")] double ControlHz,
    [property: JsonPropertyName("max_episode_steps")] int MaxEpisodeSteps,
    [property: JsonPropertyName("features")] IReadOnlyList<FeatureSpec> Features,
    [property: JsonPropertyName("action")] ActionRepresentation? Action = null,
    [property: JsonPropertyName("end_effector")] EndEffectorSpec? EndEffector = null)
{
    /// <summary>Values per action: the action feature's size (an end-effector pose is not one per joint), else one per joint.</summary>
    [JsonIgnore] public int ActionDim => Feature(FeatureNames.Action)?.Size ?? Joints.Count;

    [JsonIgnore] public ActionRepresentation ActionRepresentation => Action ?? ActionRepresentation.AbsoluteJoints;

    public FeatureSpec? Feature(string name) => Features.FirstOrDefault(f => f.Name == name);

    public CameraSpec? Camera(string name) => Cameras.FirstOrDefault(c => c.Name == name);

    /// <summary>The state and action features every robot has, built from its joints.</summary>
    public static IReadOnlyList<FeatureSpec> JointFeatures(IReadOnlyList<JointSpec> joints)
    {
        var keys = joints.Select(j => j.Key).ToArray();
        var units = joints.Select(j => j.Unit).ToArray();
        return
        [
            new(FeatureNames.State, FeatureDType.Float32, [keys.Length], keys, Units: units),
            new(FeatureNames.Action, FeatureDType.Float32, [keys.Length], keys, Units: units),
        ];
    }

    /// <summary>The image feature of a camera (uint8 HxWx3 for RGB; float32 HxWx1 metres, or the camera's depth encoding, for depth).</summary>
    public static FeatureSpec CameraFeature(CameraSpec c) => c.Kind == CameraKind.Depth
        ? new(c.FeatureName, FeatureDType.Float32, [c.Height, c.Width, c.Channels], ["height", "width", "channels"], Units: [c.Depth?.Unit ?? Robots.Units.Metres])
        : new(c.FeatureName, FeatureDType.Image, [c.Height, c.Width, 3], ["height", "width", "channels"]);

    /// <summary>Clamps an action to the joint limits; returns a new array.</summary>
    public double[] ClampAction(IReadOnlyList<double> action)
    {
        if (action.Count != Joints.Count)
            throw new ArgumentException(
                $"action has {action.Count} values; {RobotType} expects {Joints.Count} ({string.Join(", ", Joints.Select(j => j.Key))}).");
        var clamped = new double[action.Count];
        for (int i = 0; i < clamped.Length; i++)
        {
            double v = action[i];
            if (!double.IsFinite(v))
                throw new ArgumentException($"action[{i}] ({Joints[i].Key}) is {v}; actions must be finite numbers.");
            clamped[i] = Joints[i].Clamp(v);
        }
        return clamped;
    }
}
