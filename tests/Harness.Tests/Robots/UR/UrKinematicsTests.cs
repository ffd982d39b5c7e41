using Harness.Robots.UR.Kinematics;

namespace Harness.Tests.Robots.UR;

public class UrKinematicsTests
{
    [Test]
    public void Zero_pose_is_the_sum_of_the_DH_offsets()
    {
        // By hand from UR5e DH: x = a2 + a3, y = -(d4 + d6), z = d1 - d5, rotation Rx(pi/2).
        var p = UrKinematics.Ur5e.Forward([0, 0, 0, 0, 0, 0]);
        Assert.That(p, Is.EqualTo(new[] { -0.8172, -0.2329, 0.0628, Math.PI / 2, 0, 0 }).Within(1e-9));
    }

    [Test]
    public void Turning_the_base_by_90_degrees_rotates_the_tool_position_about_z()
    {
        var p = UrKinematics.Ur5e.Origin([Math.PI / 2, 0, 0, 0, 0, 0]);
        Assert.That(p, Is.EqualTo(new[] { 0.2329, -0.8172, 0.0628 }).Within(1e-9));
    }

    [Test]
    public void With_the_upper_arm_up_the_elbow_is_above_the_shoulder()
    {
        // q2 = -pi/2 points the upper arm (a2 = -0.425) straight up: elbow at z = d1 + 0.425.
        var e = UrKinematics.Ur5e.Origin([0, -Math.PI / 2, 0, 0, 0, 0], frame: 2);
        Assert.That(e, Is.EqualTo(new[] { 0, 0, 0.5875 }).Within(1e-9));
    }

    [Test]
    public void Rotation_vector_near_pi_keeps_the_axis()
    {
        var m = new double[4, 4] { { 1, 0, 0, 0 }, { 0, -1, 0, 0 }, { 0, 0, -1, 0 }, { 0, 0, 0, 1 } }; // Rx(pi)
        Assert.That(UrKinematics.RotationVector(m), Is.EqualTo(new[] { Math.PI, 0, 0 }).Within(1e-9));
    }
}
