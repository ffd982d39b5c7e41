using Harness.Sim.Native;
using static Harness.Tests.Models.ModelScenes;

namespace Harness.Tests.Models;

/// <summary>
/// Each arm holds its home pose under its own position servos. MuJoCo 2.2.2 has no gravcomp, so
/// the Trossen arms (and the UR5e) sag unless the environment applies m*g to the arm bodies; these
/// tests measure the sag both ways.
/// </summary>
public class HoldPoseTests
{
    /// <summary>Largest |qpos - ctrl| of the given actuators' joints over the second half of a hold.</summary>
    private static double HoldError(string scene, double[] qpos, string[] actuators, double seconds, GravityCompensation? compensation)
    {
        using var m = Load(scene);
        using var d = new MjData(m);
        int[] acts = actuators.Select(a => m.RequireId(MjObject.Actuator, a)).ToArray();
        int[] adr = acts.Select(a => m.JointQposAdr(m.ActuatorJoint(a))).ToArray();
        for (int i = 0; i < qpos.Length; i++) d.Qpos[i] = qpos[i];
        for (int i = 0; i < acts.Length; i++) d.Ctrl[acts[i]] = d.Qpos[adr[i]];
        int steps = (int)Math.Round(seconds / m.Timestep);
        double worst = 0;
        for (int s = 0; s < steps; s++)
        {
            compensation?.Apply(d);
            d.Step();
            if (s < steps / 2) continue;
            for (int i = 0; i < acts.Length; i++)
                worst = Math.Max(worst, Math.Abs(d.Qpos[adr[i]] - d.Ctrl[acts[i]]));
        }
        Assert.That(d.Diverged, Is.False);
        return worst;
    }

    private static GravityCompensation Compensation(string scene, params string[] roots)
    {
        using var m = Load(scene);
        return new GravityCompensation(m, roots);
    }

    [Test]
    public void So101_holds_its_home_pose_within_a_milliradian()
    {
        double err = HoldError(So101, So101Home, ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"], 2, null);
        TestContext.Out.WriteLine($"so101 hold error {err:E2} rad");
        Assert.That(err, Is.LessThan(0.001));
    }

    private static readonly string[] UrArm = ["shoulder_pan", "shoulder_lift", "elbow", "wrist_1", "wrist_2", "wrist_3"];

    [Test]
    public void Ur5e_sags_a_centiradian_without_gravity_compensation_and_holds_with_it()
    {
        double[] q = [.. Ur5eHome, 0, 0, 0, 0, 0, 0, 0, 0];
        double sag = HoldError(Ur5e, q, UrArm, 2, null);
        var gc = Compensation(Ur5e, "shoulder_link");
        double held = HoldError(Ur5e, q, UrArm, 2, gc);
        TestContext.Out.WriteLine($"ur5e home: {sag:F4} rad without compensation, {held:E2} with ({gc.BodyCount} bodies)");
        Assert.That(sag, Is.GreaterThan(0.005), "the servos alone (kp 2000) do not carry the arm");
        Assert.That(held, Is.LessThan(0.0005));
        Assert.That(gc.BodyCount, Is.EqualTo(20), "6 arm links below the base + 14 gripper bodies");
    }

    [Test]
    public void Trossen_arms_sag_without_gravity_compensation_and_hold_with_m_g_on_every_arm_body()
    {
        double[] arm = [.. TrossenArmHome, 0.03, 0.03];
        double[] q = [.. arm, .. arm];
        string[] acts = [.. new[] { "left", "right" }.SelectMany(s => Enumerable.Range(0, 6).Select(i => $"follower_{s}_joint_{i}").Append($"follower_{s}_gripper"))];
        double sag = HoldError(Trossen, q, acts, 2, null);
        var gc = Compensation(Trossen, "follower_left_base_link", "follower_right_base_link");
        double held = HoldError(Trossen, q, acts, 2, gc);
        TestContext.Out.WriteLine($"trossen home: {sag:F4} rad without compensation, {held:E2} with ({gc.BodyCount} bodies)");
        Assert.That(sag, Is.GreaterThan(0.02), "the kit's servos were tuned for gravcomp");
        Assert.That(held, Is.LessThan(0.0005));
        Assert.That(gc.BodyCount, Is.EqualTo(18), "per arm: base, 6 links, 2 carriages");
    }
}
