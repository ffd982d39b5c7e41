using Harness.Core.Randomness;
using Harness.Sim.Experts;
using Harness.Sim.Native;
using static Harness.Tests.Models.ModelScenes;

namespace Harness.Tests.Models;

/// <summary>
/// Physics feasibility of each gripper on its object (not the expert): with the tool site placed
/// over the object by Jacobian IK, descend, close, lift 5 cm at 30 Hz control; the object must
/// come up with the tool without slipping, for seeded positions and yaws.
/// </summary>
public class GraspTests
{
    /// <param name="ToolHeight">tool-site height above the object's centre at the grasp</param>
    /// <param name="JawOffset">tool-site offset along its jaw axis from the object's centre (SO-101: clear the fixed jaw's tip)</param>
    /// <param name="JawAxisAtYawZero">the world jaw axis that closes across the object's faces at yaw 0</param>
    private sealed record Rig(string Scene, string Site, string[] ArmJoints, string[] ArmActuators, string Gripper, double Open, double Closed,
        string ObjectJoint, string ObjectBody, double Half, double TableZ, double[] Home, double ToolHeight, double JawOffset,
        double[] JawAxisAtYawZero, string[] CompensatedRoots, double[] XRange, double[] YRange);

    private sealed record Trial(double IkError, double ApproachDisturbance, double LiftRise, double BottomClearance, double Slip, double DeepestContact);

    private static readonly Rig So101Rig = new(So101, "tcp",
        ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll"], ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll"],
        "gripper", 0.6, -0.17453, "block_free", "block", 0.0125, 0, So101Home[..5],
        // The fixed jaw's tip reaches 7.9 mm inside the tcp: the tcp sits 7.5 mm towards it from the
        // block centre, so the fixed jaw passes beside the block and the moving jaw pushes it over.
        ToolHeight: 0.0085, JawOffset: -0.0075, [0, 1, 0], [], [0.17, 0.25], [-0.08, 0.05]);

    private static readonly Rig Ur5eRig = new(Ur5e, "tcp",
        ["shoulder_pan_joint", "shoulder_lift_joint", "elbow_joint", "wrist_1_joint", "wrist_2_joint", "wrist_3_joint"],
        ["shoulder_pan", "shoulder_lift", "elbow", "wrist_1", "wrist_2", "wrist_3"],
        "fingers_actuator", 0, 255, "block_free", "block", 0.02, 0, Ur5eHome,
        ToolHeight: 0, JawOffset: 0, [0, 1, 0], ["shoulder_link"], [0.4, 0.6], [-0.2, 0.1]);

    private static readonly Rig TrossenRig = new(Trossen, "follower_right_ee_site",
        [.. Enumerable.Range(0, 6).Select(i => $"follower_right_joint_{i}")], [.. Enumerable.Range(0, 6).Select(i => $"follower_right_joint_{i}")],
        "follower_right_gripper", 0.044, 0, "red_box_joint", "box", 0.02, 0.02, TrossenArmHome,
        // The ee site is at the fingertips: 1.5 cm below the cube's centre puts the pads across it.
        ToolHeight: -0.015, JawOffset: 0, [1, 0, 0], ["follower_left_base_link", "follower_right_base_link"], [-0.1, 0.1], [-0.25, -0.1]);

    private static Trial Grasp(Rig r, double x, double y, double yaw)
    {
        using var m = Load(r.Scene);
        using var d = new MjData(m);
        using var ikModel = Load(r.Scene);
        var ik = new SiteIk(ikModel, r.Site, r.ArmJoints);
        var gc = r.CompensatedRoots.Length > 0 ? new GravityCompensation(m, r.CompensatedRoots) : null;
        int n = r.ArmJoints.Length, site = m.RequireId(MjObject.Site, r.Site), body = m.RequireId(MjObject.Body, r.ObjectBody);
        int[] qadr = r.ArmJoints.Select(j => Qpos(m, j)).ToArray();
        int[] acts = r.ArmActuators.Select(a => m.RequireId(MjObject.Actuator, a)).ToArray();
        int grip = m.RequireId(MjObject.Actuator, r.Gripper), oq = Qpos(m, r.ObjectJoint);
        int substeps = (int)Math.Round(1.0 / 30 / m.Timestep);

        double cz = r.TableZ + r.Half;
        d.Qpos[oq] = x; d.Qpos[oq + 1] = y; d.Qpos[oq + 2] = cz;
        d.Qpos[oq + 3] = Math.Cos(yaw / 2); d.Qpos[oq + 6] = Math.Sin(yaw / 2);
        double c = Math.Cos(yaw), s = Math.Sin(yaw);
        double[] jaw = [c * r.JawAxisAtYawZero[0] - s * r.JawAxisAtYawZero[1], s * r.JawAxisAtYawZero[0] + c * r.JawAxisAtYawZero[1], 0];
        SiteTarget At(double z) => new(x + r.JawOffset * jaw[0], y + r.JawOffset * jaw[1], z, [0, 0, -1], jaw);

        var q = r.Home.ToArray();
        double graspZ = cz + r.ToolHeight;
        // The IK reaches the grasp pose exactly (checked); the pre-grasp 5 cm above may leave a
        // small error where the wrist is at its limit (SO-101 far out), as a real arm would.
        double ikError = ik.Solve(q.ToArray(), At(graspZ), 1000);
        ik.Solve(q, At(graspZ + 0.05), 1000);
        for (int i = 0; i < n; i++) d.Qpos[qadr[i]] = d.Ctrl[acts[i]] = q[i];
        d.Ctrl[grip] = r.Open;

        double deepest = 0;
        void Run(int controlSteps)
        {
            for (int k = 0; k < controlSteps * substeps; k++)
            {
                gc?.Apply(d);
                d.Step();
                for (int i = 0; i < d.ContactCount; i++) deepest = Math.Min(deepest, d.Contact(i).Dist);
            }
        }
        void MoveTo(double z, int controlSteps)
        {
            double z0 = ik.Forward(q).Pos[2];
            for (int k = 1; k <= controlSteps; k++)
            {
                ik.Solve(q, At(z0 + (z - z0) * k / controlSteps), 50);
                for (int i = 0; i < n; i++) d.Ctrl[acts[i]] = q[i];
                Run(1);
            }
        }

        Run(15);
        var start = d.BodyPos(body).ToArray();
        MoveTo(graspZ, 30);
        Run(10);
        var before = d.BodyPos(body).ToArray();
        double disturbance = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (before[i] - start[i]) * (before[i] - start[i])));
        d.Ctrl[grip] = r.Closed;
        Run(20);
        var held = InToolFrame(d, site, body);
        double zHeld = d.BodyPos(body)[2];
        MoveTo(graspZ + 0.05, 30);
        Run(15);
        Assert.That(d.Diverged, Is.False);
        var after = InToolFrame(d, site, body);
        double slip = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (after[i] - held[i]) * (after[i] - held[i])));
        double z = d.BodyPos(body)[2];
        return new Trial(ikError, disturbance, z - zHeld, z - r.Half - r.TableZ, slip, deepest);
    }

    private static double[] InToolFrame(MjData d, int site, int body)
    {
        var p = d.SitePos(site);
        var r = d.SiteMat(site);
        var b = d.BodyPos(body);
        double dx = b[0] - p[0], dy = b[1] - p[1], dz = b[2] - p[2];
        return [r[0] * dx + r[3] * dy + r[6] * dz, r[1] * dx + r[4] * dy + r[7] * dz, r[2] * dx + r[5] * dy + r[8] * dz];
    }

    private static IEnumerable<TestCaseData> Rigs()
    {
        yield return new TestCaseData(So101Rig).SetName("So101_jaws_pick_the_block_and_lift_it_5_cm_without_slipping");
        yield return new TestCaseData(Ur5eRig).SetName("Ur5e_2f85_pads_pick_the_block_and_lift_it_5_cm_without_slipping");
        yield return new TestCaseData(TrossenRig).SetName("Trossen_right_carriage_fingers_pick_the_cube_and_lift_it_5_cm_without_slipping");
    }

    [TestCaseSource(nameof(Rigs))]
    public void Grasp_and_lift(object rig)
    {
        var r = (Rig)rig;
        var rng = new SeededRandom(12);
        for (int t = 0; t < 6; t++)
        {
            double x = rng.Uniform(r.XRange[0], r.XRange[1]), y = rng.Uniform(r.YRange[0], r.YRange[1]);
            double yaw = rng.Uniform(-Math.PI / 4, Math.PI / 4);
            var tr = Grasp(r, x, y, yaw);
            string at = $"object at ({x:F3}, {y:F3}), yaw {yaw * 180 / Math.PI:F0} deg: {tr}";
            TestContext.Out.WriteLine(at);
            Assert.That(tr.IkError, Is.LessThan(0.001), at);
            Assert.That(tr.ApproachDisturbance, Is.LessThan(0.002), "the open jaws pass beside the object: " + at);
            Assert.That(tr.LiftRise, Is.GreaterThan(0.045), "the object comes up with the 5 cm lift: " + at);
            Assert.That(tr.BottomClearance, Is.GreaterThan(0.04), at);
            Assert.That(tr.Slip, Is.LessThan(0.003), "the object stays put in the tool frame: " + at);
            // 2.2.2's phantom box-box contacts are centimetres deep; real ones here stay under 5 mm.
            Assert.That(tr.DeepestContact, Is.GreaterThan(-0.005), at);
        }
    }
}
