using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Experts;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Sim.Tasks.Handover;

namespace Harness.Tests.Handover;

/// <summary>The scene package trossen-transfer-cube on the real MuJoCo 2.2.2: what it declares and how its task reads the simulator.</summary>
public class TrossenSceneTests
{
    private const string Scene = "trossen-transfer-cube";

    private static readonly string[] Keys =
    [
        "left_joint_0.pos", "left_joint_1.pos", "left_joint_2.pos", "left_joint_3.pos", "left_joint_4.pos", "left_joint_5.pos", "left_left_carriage_joint.pos",
        "right_joint_0.pos", "right_joint_1.pos", "right_joint_2.pos", "right_joint_3.pos", "right_joint_4.pos", "right_joint_5.pos", "right_left_carriage_joint.pos",
    ];

    [Test]
    public void The_robot_has_the_Trossen_plugins_14_elements_in_its_units()
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        var s = env.Spec;
        Assert.That(s.RobotType, Is.EqualTo("bi_widowxai_follower"));
        Assert.That(s.Joints.Select(j => j.Key), Is.EqualTo(Keys));
        Assert.That(s.Joints.Select(j => j.Unit), Is.EqualTo(Enumerable.Repeat(new[] { "rad", "rad", "rad", "rad", "rad", "rad", "m" }, 2).SelectMany(u => u)));
        foreach (int g in new[] { 6, 13 })
        {
            Assert.That(s.Joints[g].Kind, Is.EqualTo(JointKind.Gripper));
            Assert.That(s.Joints[g].Gripper, Is.EqualTo(new GripperSense(0.044, 0)));
            Assert.That((s.Joints[g].Min, s.Joints[g].Max), Is.EqualTo((0.0, 0.044)));
        }
        Assert.That((s.Joints[1].Min, s.Joints[1].Max), Is.EqualTo((0.0, 3.14159)), "joint_1's MJCF range, in radians");
        Assert.That((s.Joints[10].Min, s.Joints[10].Max), Is.EqualTo((-1.5708, 1.5708)));
        Assert.That(s.ControlHz, Is.EqualTo(30));
        Assert.That(env.Substeps, Is.EqualTo(16));
        Assert.That(s.MaxEpisodeSteps, Is.EqualTo(400));
        Assert.That(env.Parts.GravityCompensated, Has.Count.EqualTo(18));
        Assert.That(env.Scene.Grippers.Select(g => (g.Name, g.ToolSite, g.Element)), Is.EqualTo(new[]
        {
            ("left", "follower_left_ee_site", "left_left_carriage_joint.pos"), ("right", "follower_right_ee_site", "right_left_carriage_joint.pos"),
        }));
    }

    [Test]
    public void Four_kit_cameras_at_640x480_and_image_size_overrides_them()
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        Assert.That(env.Spec.Cameras.Select(c => (c.Name, c.Height, c.Width)), Is.EqualTo(new[]
        {
            ("cam_high", 480, 640), ("cam_low", 480, 640), ("cam_left_wrist", 480, 640), ("cam_right_wrist", 480, 640),
        }));
        Assert.That(env.Spec.Cameras.Select(c => c.FovYDeg), Is.EqualTo(new[] { 65.0, 125, 87, 87 }).Within(1e-9));
        using var small = new MujocoEnv(SceneCatalog.Get(Scene), new MujocoEnvOptions(ImageHeight: 224, ImageWidth: 224));
        Assert.That(small.Spec.Cameras.Select(c => (c.Height, c.Width)), Is.All.EqualTo((224, 224)));
    }

    [Test]
    public void The_task_schema_has_the_handover_classes_in_precedence_order()
    {
        var scene = SceneCatalog.Get(Scene);
        Assert.That(scene.Schema.Name, Is.EqualTo("transfer-cube"));
        Assert.That(scene.Schema.Labels, Is.EqualTo(new[]
        {
            "SUCCESS", "NEVER_PICKED_UP", "DROPPED_BEFORE_HANDOVER", "HANDOVER_MISSED", "DROPPED_AFTER_HANDOVER", "TIMEOUT", "ERROR",
        }));
        Assert.That(scene.Schema.Metrics.Select(m => m.Key), Is.EqualTo(new[]
        {
            "max_reward", "aloha_success", "picked_up", "handover", "arm_collision", "time_to_pick_s", "time_to_handover_s", "max_cube_height_m",
        }));
        Assert.That(scene.Schema.Class("DROPPED_BEFORE_HANDOVER")!.Definition, Does.Contain("farther than 6 cm"), "run.json carries the thresholds");
        Assert.That(scene.Experts!.Variants, Is.EqualTo(new[]
        {
            "scripted", "scripted:miss-grasp", "scripted:drop-before", "scripted:handover-miss", "scripted:drop-after", "scripted:no-release",
        }));
        Assert.That(scene.TaskText, Is.EqualTo("Pick up the cube with the right arm and transfer it to the left arm."));
    }

    [Test]
    public void Reset_puts_the_cube_at_rest_on_the_right_side_and_the_arms_hold_home()
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        var task = (HandoverTask)env.Task;
        double[] home = [0, 1.0, 0.8, -0.25, 0, 0, 0.03, 0, 1.0, 0.8, -0.25, 0, 0, 0.03];
        for (int seed = 0; seed < 12; seed++)
        {
            var obs = env.Reset(seed);
            var cube = obs.Vector(FeatureNames.EnvironmentState);
            Assert.That(cube[0], Is.InRange(-0.1, 0.1), $"seed {seed}");
            Assert.That(cube[1], Is.InRange(-0.25, -0.1), $"seed {seed}: the right arm's side");
            Assert.That(cube[2], Is.EqualTo(0.04).Within(0.001), $"seed {seed}: resting on the table top (z = 0.02)");
            // Gravity compensation keeps the servos on target (without it the elbow sags 0.035 rad).
            for (int j = 0; j < 14; j++) Assert.That(obs.State[j], Is.EqualTo(home[j]).Within(0.002), $"seed {seed}, {Keys[j]}");
            var frame = task.Frame(env.Data, 0);
            Assert.That(frame.CubeOnTable, Is.True);
            Assert.That((frame.Giver.Touches, frame.Receiver.Touches, frame.ArmsTouch), Is.EqualTo((false, false, false)));
        }
        Assert.That(env.Spec.Feature(FeatureNames.EnvironmentState)!.Names, Is.EqualTo(new[] { "box.x", "box.y", "box.z", "box.qw", "box.qx", "box.qy", "box.qz" }));
    }

    [Test]
    public void The_task_sees_the_two_arms_touch()
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        env.Reset(0);
        // Both tool sites to the same point above the table: the grippers collide.
        foreach (var side in new[] { "left", "right" })
        {
            var joints = Enumerable.Range(0, 6).Select(i => $"follower_{side}_joint_{i}").ToArray();
            using var ik = new SiteIk(env.Model, $"follower_{side}_ee_site", joints) { RotationWeight = 0 };
            double[] q = [0, 1.0, 0.8, -0.25, 0, 0];
            ik.Solve(q, new SiteTarget(0, 0, 0.25, [0, 0, -1], [0, 1, 0]), 300);
            for (int i = 0; i < 6; i++) env.Data.Qpos[env.Model.JointQposAdr(env.Model.RequireId(MjObject.Joint, joints[i]))] = q[i];
        }
        env.Data.Forward();
        Assert.That(((HandoverTask)env.Task).Frame(env.Data, 0).ArmsTouch, Is.True);
    }

    [Test]
    public void Open_loop_simulation_from_a_restored_snapshot_holds_the_arms_up_like_the_live_episode()
    {
        // A snapshot carries no applied forces: the control path itself must apply m*g, else a
        // whisker forward-simulated from a restored state sags away from the real path.
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        var first = env.Reset(3);
        var snapshot = env.Capture();
        var hold = Enumerable.Repeat(first.State, 20).ToArray();
        using var scratch = new MjData(env.Model);
        PhysicsState.Restore(scratch, snapshot);
        env.SimulateOpenLoop(scratch, hold);
        foreach (var a in hold) env.Step(a);
        // The arms' 16 joints (the cube's quaternion may differ in its last bit after mj_forward renormalises it).
        Assert.That(scratch.Qpos[..16].ToArray(), Is.EqualTo(env.Data.Qpos[..16].ToArray()).Within(1e-12), "without m*g the elbows sag 0.035 rad");
    }
}
