using System.Text.Json.Serialization;

namespace Harness.Core.Kinematics;

/// <summary>
/// Components of a tool orientation, defined on the tool's approach axis so that they stay
/// meaningful where roll-pitch-yaw angles do not (a gripper pointing straight down):
/// pitch is the approach axis's elevation, yaw its heading, roll the turn about it.
/// </summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<OrientationComponents>))]
public enum OrientationComponents
{
    None = 0,
    Roll = 1,
    Pitch = 2,
    Yaw = 4,
    All = Roll | Pitch | Yaw,
}

/// <summary>How close an IK solution must come to its target to count as reached.</summary>
public sealed record IkTolerance(
    [property: JsonPropertyName("position_m")] double PositionM,
    [property: JsonPropertyName("orientation_deg")] double OrientationDeg)
{
    public static IkTolerance Default { get; } = new(0.005, 5);

    [JsonIgnore] public double OrientationRad => OrientationDeg * Math.PI / 180;
}

/// <summary>
/// A robot's end effector as end-effector actions address it: the frame poses are expressed in
/// (<see cref="BaseFrame"/>), the tool frame that is posed (<see cref="ToolFrame"/>), which axis
/// of the tool frame is its approach axis, which orientation components the arm can honour (the
/// 5-DoF SO-101 cannot choose its approach heading: it follows from the position), and the
/// tolerance within which a target counts as reached. Declared by the scene package
/// (<c>robot.end_effector</c>); recorded in run.json with the robot.
/// </summary>
public sealed record EndEffectorSpec(
    [property: JsonPropertyName("base_frame")] string BaseFrame,
    [property: JsonPropertyName("tool_frame")] string ToolFrame,
    [property: JsonPropertyName("approach_axis")] IReadOnlyList<double> ApproachAxis,
    [property: JsonPropertyName("honoured")] OrientationComponents Honoured,
    [property: JsonPropertyName("tolerance")] IkTolerance Tolerance)
{
    [JsonIgnore] public Vec3 Approach => new Vec3(ApproachAxis[0], ApproachAxis[1], ApproachAxis[2]).Normalized();

    public static string Describe(OrientationComponents c) =>
        c == OrientationComponents.None ? "none (position only)"
        : string.Join(", ", new[] { OrientationComponents.Roll, OrientationComponents.Pitch, OrientationComponents.Yaw }.Where(x => c.HasFlag(x)).Select(x => x.ToString().ToLowerInvariant()));

    /// <summary>Parses component names (roll, pitch, yaw, or all); throws naming the valid ones.</summary>
    public static OrientationComponents ParseComponents(IEnumerable<string> names)
    {
        var c = OrientationComponents.None;
        foreach (var n in names)
            c |= n.Trim().ToLowerInvariant() switch
            {
                "roll" => OrientationComponents.Roll,
                "pitch" => OrientationComponents.Pitch,
                "yaw" => OrientationComponents.Yaw,
                "all" => OrientationComponents.All,
                var other => throw new ArgumentException($"unknown orientation component '{other}'; expected roll, pitch, yaw or all."),
            };
        return c;
    }
}
