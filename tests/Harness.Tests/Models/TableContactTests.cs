using Harness.Core.Randomness;
using Harness.Sim.Native;
using static Harness.Tests.Models.ModelScenes;

namespace Harness.Tests.Models;

/// <summary>
/// The tables are finite boxes. MuJoCo 2.2.2's box-box test can report a phantom contact as deep
/// as a box is wide when a box rests flush on another at near-zero penetration (stiff contacts
/// get there: 30 of 2000 random drops with solimp 0.95 0.99 / solref 0.005 on table and block).
/// With the scenes' contact parameters, objects dropped and tumbled onto the table in any
/// orientation never see a contact deeper than a centimetre.
/// </summary>
public class TableContactTests
{
    [TestCase(So101, "block_free", "block", 0.0125, 0.0, 0.12, 0.34, -0.25, 0.2, TestName = "So101_block_drops_onto_the_table_without_phantom_contacts")]
    [TestCase(Ur5e, "block_free", "block", 0.02, 0.0, 0.3, 0.8, -0.45, 0.1, TestName = "Ur5e_block_drops_onto_the_table_without_phantom_contacts")]
    [TestCase(Trossen, "red_box_joint", "red_box", 0.02, 0.02, -0.25, 0.3, -0.3, 0.3, TestName = "Trossen_cube_drops_onto_the_table_without_phantom_contacts")]
    public void Random_drops(string scene, string joint, string geom, double half, double tableZ, double x0, double x1, double y0, double y1)
    {
        using var m = Load(scene);
        using var d = new MjData(m);
        int q = Qpos(m, joint), v = m.JointDofAdr(m.RequireId(MjObject.Joint, joint)), g = m.RequireId(MjObject.Geom, geom);
        var rng = new SeededRandom(7);
        double deepest = 0;
        int drops = 120, rested = 0;
        for (int i = 0; i < drops; i++)
        {
            do Place(m, d, rng, q, half, tableZ, x0, x1, y0, y1);
            while (Touching(d, g)); // start in free air, not inside the arm or the bowl
            d.Qvel[v] = rng.Uniform(-0.3, 0.3);
            d.Qvel[v + 1] = rng.Uniform(-0.3, 0.3);
            d.Qvel[v + 3] = rng.Uniform(-8, 8);
            for (int s = 0; s < 480; s++)
            {
                d.Step();
                for (int c = 0; c < d.ContactCount; c++)
                {
                    var con = d.Contact(c);
                    if (con.Geom1 == g || con.Geom2 == g) deepest = Math.Min(deepest, con.Dist);
                }
            }
            if (Math.Abs(d.Qpos[q + 2] - (tableZ + half)) < 0.001) rested++;
        }
        TestContext.Out.WriteLine($"{scene}: deepest object contact {deepest * 1000:F2} mm over {drops} drops; {rested} came to rest flat on the table");
        Assert.That(deepest, Is.GreaterThan(-0.01));
        Assert.That(rested, Is.GreaterThan(drops / 2), "most drops end flush on the table, the configuration that triggers the phantom");
    }

    private static void Place(MjModel m, MjData d, SeededRandom rng, int q, double half, double tableZ, double x0, double x1, double y0, double y1)
    {
        m.KeyQpos(0).CopyTo(d.Qpos);
        d.Qvel.Clear();
        d.Qpos[q] = rng.Uniform(x0, x1);
        d.Qpos[q + 1] = rng.Uniform(y0, y1);
        d.Qpos[q + 2] = tableZ + half + rng.Uniform(0.01, 0.05);
        double[] quat = [rng.Uniform(-1, 1), rng.Uniform(-1, 1), rng.Uniform(-1, 1), rng.Uniform(-1, 1)];
        double n = Math.Sqrt(quat.Sum(c => c * c));
        for (int k = 0; k < 4; k++) d.Qpos[q + 3 + k] = quat[k] / n;
        d.Forward();
    }

    private static bool Touching(MjData d, int geom)
    {
        for (int c = 0; c < d.ContactCount; c++)
        {
            var con = d.Contact(c);
            if (con.Geom1 == geom || con.Geom2 == geom) return true;
        }
        return false;
    }
}
