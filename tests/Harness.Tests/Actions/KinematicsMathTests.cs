using Harness.Core.Kinematics;

namespace Harness.Tests.Actions;

/// <summary>Rotations, orientation conventions and pose errors on hand-made poses (no simulator).</summary>
public class KinematicsMathTests
{
    private const double Deg = Math.PI / 180;

    [Test]
    public void Rpy_round_trips_and_follows_the_ros_convention()
    {
        var (r, p, y) = Rotation.FromRpy(0.1, 0.2, 0.3).ToRpy();
        Assert.That(new[] { r, p, y }, Is.EqualTo(new[] { 0.1, 0.2, 0.3 }).Within(1e-12));
        // Yaw 90 deg alone turns x into y; pitch 90 deg alone turns x into -z (pointing down).
        var x = Rotation.FromRpy(0, 0, Math.PI / 2).Rotate(Vec3.UnitX);
        Assert.That(new[] { x.X, x.Y, x.Z }, Is.EqualTo(new[] { 0.0, 1.0, 0.0 }).Within(1e-12));
        var down = Rotation.FromRpy(0, Math.PI / 2, 0).Rotate(Vec3.UnitX);
        Assert.That(new[] { down.X, down.Y, down.Z }, Is.EqualTo(new[] { 0.0, 0.0, -1.0 }).Within(1e-12));
    }

    [Test]
    public void At_pitch_90_roll_folds_into_yaw_and_the_rotation_is_kept()
    {
        var q = Rotation.FromRpy(0.4, Math.PI / 2, 1.0);
        var (r, p, y) = q.ToRpy();
        Assert.That(r, Is.EqualTo(0).Within(1e-12));
        Assert.That(p, Is.EqualTo(Math.PI / 2).Within(1e-7));
        Assert.That(y, Is.EqualTo(0.6).Within(1e-7));
        Assert.That((Rotation.FromRpy(r, p, y) * q.Conjugate()).Angle, Is.LessThan(1e-7));
    }

    [Test]
    public void Rotation_vectors_and_matrices_round_trip()
    {
        var q = Rotation.FromRotationVector(0, 0, Math.PI / 2);
        var y = q.Rotate(Vec3.UnitX);
        Assert.That(new[] { y.X, y.Y, y.Z }, Is.EqualTo(new[] { 0.0, 1.0, 0.0 }).Within(1e-12));
        var v = Rotation.FromRotationVector(0.3, -0.2, 0.5).ToRotationVector();
        Assert.That(new[] { v.X, v.Y, v.Z }, Is.EqualTo(new[] { 0.3, -0.2, 0.5 }).Within(1e-12));
        var m = Rotation.FromRpy(0.7, -0.4, 2.5);
        Assert.That((Rotation.FromMatrix(m.ToMatrix()) * m.Conjugate()).Angle, Is.LessThan(1e-12));
    }

    [Test]
    public void Pose_error_splits_orientation_into_roll_pitch_and_yaw_about_the_approach_axis()
    {
        var target = new ToolPose(new Vec3(0.2, 0, 0.1), Rotation.Identity);
        PoseError Err(Rotation r, Vec3? offset = null) =>
            PoseError.Between(target, new ToolPose(target.Position + (offset ?? new Vec3(0, 0, 0)), r), Vec3.UnitX);

        var roll = Err(Rotation.AboutAxis(Vec3.UnitX, 3 * Deg));
        Assert.That(new[] { roll.RollRad, roll.PitchRad, roll.YawRad }, Is.EqualTo(new[] { 3 * Deg, 0, 0 }).Within(1e-9));
        var pitch = Err(Rotation.AboutAxis(Vec3.UnitY, 4 * Deg));
        Assert.That(new[] { pitch.RollRad, pitch.PitchRad, pitch.YawRad }, Is.EqualTo(new[] { 0, 4 * Deg, 0 }).Within(1e-9));
        var yaw = Err(Rotation.AboutAxis(Vec3.UnitZ, 6 * Deg));
        Assert.That(new[] { yaw.RollRad, yaw.PitchRad, yaw.YawRad }, Is.EqualTo(new[] { 0, 0, 6 * Deg }).Within(1e-9));
        Assert.That(Err(Rotation.Identity, new Vec3(0.003, 0.004, 0)).PositionM, Is.EqualTo(0.005).Within(1e-12));

        // Pointing straight down, a turn about the vertical is a roll, not an undefined yaw.
        var down = new ToolPose(new Vec3(0, 0, 0), Rotation.FromRpy(0, Math.PI / 2, 0));
        var turned = new ToolPose(new Vec3(0, 0, 0), Rotation.AboutAxis(Vec3.UnitZ, 2 * Deg) * down.Orientation);
        var e = PoseError.Between(down, turned, Vec3.UnitX);
        Assert.That(new[] { e.RollRad, e.PitchRad, e.YawRad }, Is.EqualTo(new[] { 2 * Deg, 0, 0 }).Within(1e-9));
    }

    [Test]
    public void Tolerance_judges_only_the_honoured_components()
    {
        var tol = new IkTolerance(0.005, 5);
        var sixDegYaw = new PoseError(0.0049, 0, 0, 6 * Deg);
        Assert.That(sixDegYaw.Within(tol, OrientationComponents.Pitch | OrientationComponents.Roll), Is.True);
        Assert.That(sixDegYaw.Within(tol, OrientationComponents.All), Is.False);
        Assert.That(new PoseError(0.0051, 0, 0, 0).Within(tol, OrientationComponents.None), Is.False);
        Assert.That(new PoseError(0, 4.9 * Deg, 0, 0).Within(tol, OrientationComponents.Roll), Is.True);
        Assert.That(new PoseError(0, 5.1 * Deg, 0, 0).Within(tol, OrientationComponents.Roll), Is.False);
        Assert.That(EndEffectorSpec.ParseComponents(["pitch", "roll"]), Is.EqualTo(OrientationComponents.Pitch | OrientationComponents.Roll));
        Assert.That(() => EndEffectorSpec.ParseComponents(["tilt"]), Throws.ArgumentException.With.Message.Contains("roll, pitch, yaw or all"));
    }
}
