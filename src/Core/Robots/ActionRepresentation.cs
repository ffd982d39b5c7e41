using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>How the numbers of an action are to be read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionKind>))]
public enum ActionKind
{
    /// <summary>Absolute joint positions in the joints' units (the robot's native form).</summary>
    AbsoluteJoints,
    /// <summary>Joint offsets from the measured state at the time of the query.</summary>
    DeltaJoints,
    /// <summary>Each action an offset from the previous action of the chunk.</summary>
    StepDeltaJoints,
    /// <summary>Tool pose in the robot base frame plus gripper, turned into joints by IK.</summary>
    EndEffectorPose,
}

/// <summary>
/// The action representation a robot accepts or a policy emits. Robots accept
/// <see cref="ActionKind.AbsoluteJoints"/>; others are converted by one adapter in front of the robot.
/// <see cref="Convention"/> details the layout where the kind alone does not (e.g. the orientation
/// convention of an end-effector pose).
/// </summary>
public sealed record ActionRepresentation(
    [property: JsonPropertyName("kind")] ActionKind Kind,
    [property: JsonPropertyName("convention")] string? Convention = null)
{
    public static ActionRepresentation AbsoluteJoints { get; } = new(ActionKind.AbsoluteJoints);
}
