using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>What one commanded degree of freedom is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JointKind>))]
public enum JointKind
{
    /// <summary>An arm joint's position (revolute: deg or rad; prismatic: m).</summary>
    JointPosition,
    /// <summary>A gripper's opening; <see cref="JointSpec.Gripper"/> says which end is open.</summary>
    Gripper,
}

/// <summary>Which value of a gripper element means fully open and which fully closed.</summary>
public sealed record GripperSense(
    [property: JsonPropertyName("open")] double Open,
    [property: JsonPropertyName("closed")] double Closed);

/// <summary>
/// One commanded degree of freedom in robot units (degrees for SO-101 body joints, 0-100 for its
/// gripper, radians for UR5e and Trossen joints, ...). <see cref="Key"/> is the LeRobot motor key,
/// e.g. <c>shoulder_pan.pos</c>. <see cref="Unit"/> is one of <see cref="Units"/>.
/// </summary>
public sealed record JointSpec(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("kind")] JointKind Kind = JointKind.JointPosition,
    [property: JsonPropertyName("gripper")] GripperSense? Gripper = null)
{
    public double Clamp(double value) => Math.Clamp(value, Min, Max);

    [JsonIgnore] public bool IsGripper => Kind == JointKind.Gripper;
}
