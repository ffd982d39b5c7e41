using Harness.Sim.Native;
using static Harness.Tests.Models.ModelScenes;

namespace Harness.Tests.Models;

/// <summary>
/// The converted scenes load in MuJoCo 2.2.2 from the embedded copies and carry the names, ranges
/// and gains the task code relies on (MODEL_FACTS.md of each scene says the same in prose).
/// </summary>
public class ModelSceneTests
{
    private static void AssertNames(MjModel m, MjObject kind, params string[] names)
    {
        foreach (var n in names)
            Assert.That(m.Id(kind, n), Is.GreaterThanOrEqualTo(0), $"{kind} '{n}' in {m.Source}");
    }

    [Test]
    public void So101_scene_has_the_official_arm_the_objects_and_the_cameras()
    {
        using var m = Load(So101);
        Assert.That((m.Nq, m.Nv, m.Nu, m.NKey), Is.EqualTo((13, 12, 6, 1)));
        string[] arm = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];
        AssertNames(m, MjObject.Joint, [.. arm, "block_free"]);
        AssertNames(m, MjObject.Actuator, arm);
        AssertNames(m, MjObject.Site, "tcp", "gripperframe", "baseframe", "bowl_center");
        AssertNames(m, MjObject.Body, "base", "gripper", "moving_jaw_so101_v1", "block", "bowl");
        AssertNames(m, MjObject.Geom, "gripper_palm", "fixed_jaw_pad", "fixed_jaw_tip", "moving_jaw_pad", "moving_jaw_tip",
            "block", "table", "bowl_bottom", "bowl_wall_0", "bowl_wall_11");
        // Published ranges (rad) of so101_new_calib.xml; the gripper closes at -10 deg, opens at 100 deg.
        double[][] ranges = [[-1.91986, 1.91986], [-1.74533, 1.74533], [-1.69, 1.69], [-1.65806, 1.65806], [-2.74385, 2.84121], [-0.17453, 1.74533]];
        for (int i = 0; i < arm.Length; i++)
        {
            var r = m.JointRange(m.RequireId(MjObject.Joint, arm[i]));
            var c = m.ActuatorCtrlRange(m.RequireId(MjObject.Actuator, arm[i]));
            Assert.That(r.Lo, Is.EqualTo(ranges[i][0]).Within(1e-4), arm[i]);
            Assert.That(r.Hi, Is.EqualTo(ranges[i][1]).Within(1e-4), arm[i]);
            Assert.That(c.Lo, Is.EqualTo(ranges[i][0]).Within(1e-4), arm[i]);
            Assert.That(c.Hi, Is.EqualTo(ranges[i][1]).Within(1e-4), arm[i]);
        }
        AssertFovy(m, ("overhead_cam", 58), ("front_cam", 50), ("wrist_cam", 75));
        Assert.That(m.KeyQpos(0)[..6].ToArray(), Is.EqualTo(So101Home), "keyframe 'home' is the documented home");
        Assert.That(m.Timestep * 16, Is.EqualTo(1.0 / 30).Within(1e-12), "16 substeps per 30 Hz control step");
        Assert.That(m.BodyMass(m.RequireId(MjObject.Body, "block")), Is.EqualTo(0.03).Within(1e-9));
        Assert.That(m.GeomSize(m.RequireId(MjObject.Geom, "block"))[0], Is.EqualTo(0.0125));
    }

    [Test]
    public void So101_servos_keep_their_damping_after_the_position_to_general_conversion()
    {
        using var m = Load(So101);
        // sts3215 class: kp 998.22, kv 2.731. MuJoCo 2.2.2 would drop the default's kv silently.
        foreach (var a in new[] { "shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper" })
        {
            int id = m.RequireId(MjObject.Actuator, a);
            Assert.That(m.ActuatorGainPrm(id)[0], Is.EqualTo(998.22).Within(1e-9), a);
            Assert.That(m.ActuatorBiasPrm(id)[..3].ToArray(), Is.EqualTo(new[] { 0, -998.22, -2.731 }).Within(1e-9), a);
        }
    }

    [Test]
    public void Ur5e_scene_has_the_arm_the_gripper_at_the_flange_the_objects_and_the_cameras()
    {
        using var m = Load(Ur5e);
        Assert.That((m.Nq, m.Nv, m.Nu, m.NKey), Is.EqualTo((21, 20, 7, 1)));
        string[] arm = ["shoulder_pan_joint", "shoulder_lift_joint", "elbow_joint", "wrist_1_joint", "wrist_2_joint", "wrist_3_joint"];
        AssertNames(m, MjObject.Joint, [.. arm, "right_driver_joint", "left_driver_joint", "right_follower_joint", "left_follower_joint", "block_free"]);
        AssertNames(m, MjObject.Actuator, "shoulder_pan", "shoulder_lift", "elbow", "wrist_1", "wrist_2", "wrist_3", "fingers_actuator");
        AssertNames(m, MjObject.Site, "attachment_site", "pinch", "tcp", "bin_center");
        AssertNames(m, MjObject.Body, "base", "wrist_3_link", "base_mount", "gripper_base", "right_pad", "left_pad", "block", "bin");
        AssertNames(m, MjObject.Geom, "right_pad1", "right_pad2", "left_pad1", "left_pad2", "block", "table",
            "bin_wall_px", "bin_wall_nx", "bin_wall_py", "bin_wall_ny");
        // The gripper hangs from the flange: base_mount's parent is the arm's last link.
        Assert.That(m.BodyParent(m.RequireId(MjObject.Body, "base_mount")), Is.EqualTo(m.RequireId(MjObject.Body, "wrist_3_link")));
        int fingers = m.RequireId(MjObject.Actuator, "fingers_actuator");
        Assert.That(m.ActuatorCtrlRange(fingers), Is.EqualTo((0.0, 255.0)), "Robotiq register 0 (open) .. 255 (closed)");
        Assert.That(m.ActuatorGainPrm(fingers)[0], Is.EqualTo(0.3137255).Within(1e-9));
        Assert.That(m.ActuatorBiasPrm(fingers)[..3].ToArray(), Is.EqualTo(new[] { 0, -100.0, -10 }));
        int shoulder = m.RequireId(MjObject.Actuator, "shoulder_pan");
        Assert.That(m.ActuatorBiasPrm(shoulder)[..3].ToArray(), Is.EqualTo(new[] { 0, -2000.0, -400 }));
        Assert.That(m.JointRange(m.RequireId(MjObject.Joint, "elbow_joint")), Is.EqualTo((-3.1415, 3.1415)));
        AssertFovy(m, ("base_rgb", 52), ("wrist_rgb", 60), ("top", 45));
        Assert.That(m.KeyQpos(0)[..6].ToArray(), Is.EqualTo(Ur5eHome), "keyframe 'home' is the documented home");
        Assert.That(m.Timestep * 16, Is.EqualTo(1.0 / 30).Within(1e-12));
        Assert.That(m.BodyMass(m.RequireId(MjObject.Body, "block")), Is.EqualTo(0.05).Within(1e-9));
        Assert.That(m.GeomSize(m.RequireId(MjObject.Geom, "block"))[0], Is.EqualTo(0.02));
    }

    [Test]
    public void Trossen_scene_has_both_arms_the_cube_and_the_kit_cameras()
    {
        using var m = Load(Trossen);
        Assert.That((m.Nq, m.Nv, m.Nu, m.NKey), Is.EqualTo((23, 22, 14, 1)));
        foreach (var side in new[] { "left", "right" })
        {
            AssertNames(m, MjObject.Joint, [.. Enumerable.Range(0, 6).Select(i => $"follower_{side}_joint_{i}"),
                $"follower_{side}_left_carriage_joint", $"follower_{side}_right_carriage_joint"]);
            AssertNames(m, MjObject.Actuator, [.. Enumerable.Range(0, 6).Select(i => $"follower_{side}_joint_{i}"), $"follower_{side}_gripper"]);
            AssertNames(m, MjObject.Site, $"follower_{side}_ee_site");
            AssertNames(m, MjObject.Geom, $"follower_{side}_gripper_left_pad_upper", $"follower_{side}_gripper_left_pad_lower",
                $"follower_{side}_gripper_left_tip", $"follower_{side}_gripper_right_pad_upper",
                $"follower_{side}_gripper_right_pad_lower", $"follower_{side}_gripper_right_tip");
            int grip = m.RequireId(MjObject.Actuator, $"follower_{side}_gripper");
            Assert.That(m.ActuatorCtrlRange(grip), Is.EqualTo((0.0, 0.044)), "carriage in metres");
            Assert.That(m.ActuatorBiasPrm(grip)[..3].ToArray(), Is.EqualTo(new[] { 0, -1000.0, -50 }));
            int j0 = m.RequireId(MjObject.Actuator, $"follower_{side}_joint_0");
            Assert.That(m.ActuatorBiasPrm(j0)[..3].ToArray(), Is.EqualTo(new[] { 0, -200.0, -10 }));
            Assert.That(m.JointRange(m.RequireId(MjObject.Joint, $"follower_{side}_joint_1")), Is.EqualTo((0.0, 3.14159)));
        }
        AssertNames(m, MjObject.Joint, "red_box_joint");
        AssertNames(m, MjObject.Body, "box", "tabletop_link");
        AssertNames(m, MjObject.Geom, "red_box", "tabletop");
        AssertFovy(m, ("cam_high", 65), ("cam_low", 125), ("cam_left_wrist", 87), ("cam_right_wrist", 87));
        Assert.That(m.KeyQpos(0)[..6].ToArray(), Is.EqualTo(TrossenArmHome), "keyframe 'home' (left arm) is the documented home");
        Assert.That(m.KeyQpos(0).Slice(8, 6).ToArray(), Is.EqualTo(TrossenArmHome), "keyframe 'home' (right arm)");
        Assert.That(m.Timestep * 16, Is.EqualTo(1.0 / 30).Within(1e-12));
        Assert.That(m.BodyMass(m.RequireId(MjObject.Body, "box")), Is.EqualTo(0.05).Within(1e-9));
    }

    private static void AssertFovy(MjModel m, params (string Camera, double Fovy)[] cameras)
    {
        Assert.That(m.Names(MjObject.Camera), Is.EquivalentTo(cameras.Select(c => c.Camera)));
        foreach (var (camera, fovy) in cameras)
            Assert.That(m.CameraFovY(m.RequireId(MjObject.Camera, camera)), Is.EqualTo(fovy).Within(1e-9), camera);
    }
}
