using System.Text.Json.Serialization;

namespace Harness.Core.Kinematics;

/// <summary>How the three orientation numbers of an end-effector action are written (radians, robot base frame).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrientationConvention>))]
public enum OrientationConvention
{
    /// <summary>roll, pitch, yaw with R = Rz(yaw) Ry(pitch) Rx(roll) (ROS / URDF).</summary>
    [JsonStringEnumMemberName("rpy")] Rpy,
    /// <summary>A rotation vector: axis times angle (what many EE datasets store as "axis-angle").</summary>
    [JsonStringEnumMemberName("rotvec")] RotationVector,
}

public static class OrientationConventions
{
    public static string NameOf(OrientationConvention c) => c == OrientationConvention.Rpy ? "rpy" : "rotvec";

    public static OrientationConvention Parse(string? text) => (text ?? "rpy").Trim().ToLowerInvariant() switch
    {
        "rpy" => OrientationConvention.Rpy,
        "rotvec" or "axis-angle" or "axis_angle" => OrientationConvention.RotationVector,
        var other => throw new ArgumentException(
            $"unknown orientation convention '{other}'; expected rpy (roll, pitch, yaw: R = Rz Ry Rx) or rotvec (axis * angle), both in radians in the robot base frame."),
    };

    /// <summary>The element names of an end-effector action in this convention, before the gripper.</summary>
    public static IReadOnlyList<string> ElementNames(OrientationConvention c) => c == OrientationConvention.Rpy
        ? ["ee.x", "ee.y", "ee.z", "ee.roll", "ee.pitch", "ee.yaw"]
        : ["ee.x", "ee.y", "ee.z", "ee.rx", "ee.ry", "ee.rz"];

    public static Rotation ToRotation(OrientationConvention c, double a, double b, double d) =>
        c == OrientationConvention.Rpy ? Rotation.FromRpy(a, b, d) : Rotation.FromRotationVector(a, b, d);

    public static (double A, double B, double C) FromRotation(OrientationConvention c, Rotation r)
    {
        if (c == OrientationConvention.Rpy) return r.ToRpy();
        var v = r.ToRotationVector();
        return (v.X, v.Y, v.Z);
    }
}
