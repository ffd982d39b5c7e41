namespace Harness.Core.Kinematics;

/// <summary>
/// How far a reached tool pose is from its target: position error (m) and the three orientation
/// components (radians, see <see cref="OrientationComponents"/>): roll is the turn about the
/// approach axis; pitch the change of the approach axis's elevation; yaw the rest of the approach
/// axis's angular error (its heading change, scaled by the cosine of the elevation), which keeps
/// every component defined for a tool pointing straight up or down.
/// </summary>
public sealed record PoseError(double PositionM, double RollRad, double PitchRad, double YawRad)
{
    public static PoseError Between(ToolPose target, ToolPose reached, Vec3 approachAxis)
    {
        double position = (target.Position - reached.Position).Length;
        var at = target.Orientation.Rotate(approachAxis).Normalized();
        var ar = reached.Orientation.Rotate(approachAxis).Normalized();
        double pitch = Math.Abs(Math.Asin(Math.Clamp(at.Z, -1, 1)) - Math.Asin(Math.Clamp(ar.Z, -1, 1)));
        double swing = Math.Acos(Math.Clamp(at.Dot(ar), -1, 1));
        double yaw = Math.Sqrt(Math.Max(0, swing * swing - pitch * pitch));
        // Twist about the approach axis of the rotation from reached to target (tool frame).
        var e = reached.Orientation.Conjugate() * target.Orientation;
        var axis = approachAxis.Normalized();
        double twist = 2 * Math.Atan2(e.X * axis.X + e.Y * axis.Y + e.Z * axis.Z, e.W);
        double roll = Math.Abs(Math.IEEERemainder(twist, 2 * Math.PI));
        return new PoseError(position, roll, pitch, yaw);
    }

    /// <summary>The largest error among the given components (radians); 0 for none.</summary>
    public double OrientationRad(OrientationComponents components) => Math.Max(
        components.HasFlag(OrientationComponents.Roll) ? RollRad : 0,
        Math.Max(components.HasFlag(OrientationComponents.Pitch) ? PitchRad : 0, components.HasFlag(OrientationComponents.Yaw) ? YawRad : 0));

    public bool Within(IkTolerance tolerance, OrientationComponents honoured) =>
        PositionM <= tolerance.PositionM && OrientationRad(honoured) <= tolerance.OrientationRad;
}
