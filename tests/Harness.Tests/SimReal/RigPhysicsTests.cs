using Harness.Robots.Virtual.Feetech;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Twin.Rig;

namespace Harness.Tests.SimReal;

/// <summary>A virtual rig whose physics deliberately differs from its scene: friction scaled, a servo's torque capped.</summary>
[NonParallelizable]
public class RigPhysicsTests
{
    [Test]
    public void Friction_scales_every_geoms_sliding_coefficient()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        using var nominal = new MujocoServoPlant(scene);
        using var slippery = new MujocoServoPlant(scene, physics: RigPhysics.Parse(0.5, []));
        foreach (var name in new[] { "block", "table" })
        {
            int g = nominal.Model.RequireId(MjObject.Geom, name);
            Assert.That(slippery.Model.EditGeomFriction(g)[0], Is.EqualTo(0.5 * nominal.Model.EditGeomFriction(g)[0]).Within(1e-12), name);
            Assert.That(slippery.Model.EditGeomFriction(g)[1], Is.EqualTo(nominal.Model.EditGeomFriction(g)[1]), "torsional friction unchanged");
        }
    }

    [Test]
    public void A_torque_limit_caps_what_the_gripper_servo_pushes_with()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        using var nominal = new MujocoServoPlant(scene);
        using var weak = new MujocoServoPlant(scene, physics: RigPhysics.Parse(1, ["gripper=0.04"]));
        // The load register is torque / stall torque (2.94 N m): a 0.04 N m cap reads at most 0.04 / 2.94 = 1.36 %.
        Assert.That(Math.Abs(GripperLoad(weak)), Is.LessThanOrEqualTo(1.3606).And.GreaterThan(1.2));
        Assert.That(Math.Abs(GripperLoad(nominal)), Is.GreaterThan(5 * 1.3606), "without the cap the servo pushes far harder");
    }

    /// <summary>Every servo holds where it is, the gripper is told to close 500 ticks (44 deg) further; its load after 0.1 s.</summary>
    private static double GripperLoad(MujocoServoPlant plant)
    {
        int n = plant.Servos.Count;
        var readings = new ServoReading[n];
        plant.Step(Enumerable.Repeat(new ServoCommand(0, false, null), n).ToArray(), readings, TimeSpan.Zero);
        var commands = readings.Select((r, i) => new ServoCommand(i == n - 1 ? r.PositionTicks - 500 : r.PositionTicks, true, null)).ToArray();
        for (int k = 0; k < 10; k++) plant.Step(commands, readings, TimeSpan.FromMilliseconds(10));
        return readings[n - 1].LoadPercent;
    }

    [Test]
    public void Bad_options_are_refused_with_the_form_and_the_rigs_joints()
    {
        Assert.That(() => RigPhysics.Parse(0, []), Throws.ArgumentException.With.Message.Contains("expected a factor > 0"));
        Assert.That(() => RigPhysics.Parse(1, ["gripper"]), Throws.ArgumentException.With.Message.Contains("expected JOINT=NM"));
        var scene = SceneCatalog.Get("so101-pick-place");
        Assert.That(() => new MujocoServoPlant(scene, physics: RigPhysics.Parse(1, ["thumb=0.1"])),
            Throws.ArgumentException.With.Message.Contains("thumb").And.Message.Contains("its joints are: shoulder_pan"));
        Assert.That(RigPhysics.Parse(0.5, ["gripper=0.04"]).ToString(), Is.EqualTo("friction x0.5, gripper torque <= 0.04 N m"));
    }
}
