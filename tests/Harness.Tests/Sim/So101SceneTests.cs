using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Scenes;

namespace Harness.Tests.Sim;

public class So101SceneTests
{
    private static MujocoEnv NewEnv() => new(SceneCatalog.Get("so101-pick-place"));

    [Test]
    public void Spec_uses_lerobot_names_units_and_published_joint_ranges()
    {
        using var env = NewEnv();
        var s = env.Spec;
        Assert.That(s.Joints.Select(j => j.Key), Is.EqualTo(new[]
            { "shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos", "wrist_roll.pos", "gripper.pos" }));
        // The official model's ranges (so101_new_calib.xml, radians, in degrees: elbow +-1.69 rad,
        // wrist_roll -2.74385..2.84121 rad); the gripper is 0..100 as LeRobot reports it.
        double[][] ranges = [[-110, 110], [-100, 100], [-96.83, 96.83], [-95, 95], [-157.21, 162.79], [0, 100]];
        for (int i = 0; i < 6; i++)
        {
            Assert.That(s.Joints[i].Min, Is.EqualTo(ranges[i][0]).Within(0.05), s.Joints[i].Key);
            Assert.That(s.Joints[i].Max, Is.EqualTo(ranges[i][1]).Within(0.05), s.Joints[i].Key);
        }
        Assert.That(s.Feature(FeatureNames.State)!.Shape, Is.EqualTo(new[] { 6 }));
        Assert.That(s.Feature(FeatureNames.Action)!.Shape, Is.EqualTo(new[] { 6 }));
        Assert.That(s.Feature(FeatureNames.EnvironmentState)!.Privileged, Is.True);
        Assert.That(s.Cameras.Select(c => c.Name), Does.Contain("overhead_cam").And.Contain("wrist_cam"));
        Assert.That(s.ControlHz, Is.EqualTo(30));
        Assert.That(env.Substeps * env.Model.Timestep, Is.EqualTo(1.0 / 30).Within(1e-9));
    }

    [Test]
    public void Same_seed_same_start_and_blocks_stay_in_the_documented_region()
    {
        using var env = NewEnv();
        var first = env.Reset(7).Vector(FeatureNames.EnvironmentState);
        env.Step(env.Spec.Joints.Select(j => (j.Min + j.Max) / 2).ToArray());
        var again = env.Reset(7).Vector(FeatureNames.EnvironmentState);
        Assert.That(again, Is.EqualTo(first));

        var xs = new List<double>();
        for (int seed = 0; seed < 200; seed++)
        {
            var e = env.Reset(seed).Vector(FeatureNames.EnvironmentState);
            // The documented region: x 0.17..0.25 m, y -0.10..0.06 m; a 2.5 cm block rests at 1.25 cm.
            Assert.That(e[0], Is.InRange(0.17 - 0.002, 0.25 + 0.002));
            Assert.That(e[1], Is.InRange(-0.10 - 0.002, 0.06 + 0.002));
            Assert.That(e[2], Is.EqualTo(0.0125).Within(0.002), "block rests on the table");
            xs.Add(e[0]);
        }
        Assert.That(xs.Distinct().Count(), Is.EqualTo(200), "every seed gives a different layout");
    }

    [Test]
    public void Position_servos_track_a_held_target()
    {
        using var env = NewEnv();
        var obs = env.Reset(0);
        double[] target = [20, 10, 20, 40, 30, 50];
        for (int i = 0; i < 60; i++) obs = env.Step(target).Observation;
        for (int j = 0; j < 6; j++)
            Assert.That(obs.State[j], Is.EqualTo(target[j]).Within(j == 5 ? 3 : 2.5), env.Spec.Joints[j].Key);
    }

    [Test]
    public void Snapshot_restore_continues_bit_for_bit()
    {
        using var env = NewEnv();
        env.Reset(3);
        double[] a = [10, 20, 10, 50, 0, 30];
        for (int i = 0; i < 5; i++) env.Step(a);
        var snap = env.Capture();
        for (int i = 0; i < 10; i++) env.Step(a);
        var expected = env.Data.Qpos.ToArray();
        env.Restore(snap);
        for (int i = 0; i < 10; i++) env.Step(a);
        Assert.That(env.Data.Qpos.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Snapshot_restore_continues_bit_for_bit_while_the_block_tumbles_on_the_table()
    {
        // mj_forward renormalises the block's quaternion in place; a restore must not leave it renormalised twice.
        using var env = NewEnv();
        env.Reset(3);
        int free = env.Model.RequireId(Harness.Sim.Native.MjObject.Joint, "block_free");
        int v = env.Model.JointDofAdr(free);
        env.Data.Qvel[v] = 0.3;
        env.Data.Qvel[v + 3] = 4;
        env.Data.Qvel[v + 5] = 7;
        double[] a = [10, 20, 10, 50, 0, 30];
        for (int k = 0; k < 12; k++)
        {
            env.Step(a);
            var snap = env.Capture();
            for (int i = 0; i < 3; i++) env.Step(a);
            var expected = env.Data.Qpos.ToArray();
            env.Restore(snap);
            for (int i = 0; i < 3; i++) env.Step(a);
            Assert.That(env.Data.Qpos.ToArray(), Is.EqualTo(expected), $"restored at step {k}");
        }
    }

    [Test]
    public void Unknown_camera_request_lists_the_scene_cameras()
    {
        using var env = NewEnv();
        var ex = Assert.Throws<ArgumentException>(() => env.RequestCameras(["top"]));
        Assert.That(ex!.Message, Does.Contain("overhead_cam").And.Contain("wrist_cam"));
    }

    [Test]
    public void Holding_still_never_picks_up_the_block()
    {
        using var env = new MujocoEnv(SceneCatalog.Get("so101-pick-place"), new MujocoEnvOptions(MaxEpisodeSteps: 40));
        var obs = env.Reset(1);
        for (int i = 0; i < 40; i++) obs = env.Step(obs.State).Observation;
        var outcome = env.Conclude(new EpisodeEnd(40, true));
        Assert.That(outcome.Label, Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(outcome.Metric("max_object_height_m"), Is.LessThan(0.002));
    }
}
