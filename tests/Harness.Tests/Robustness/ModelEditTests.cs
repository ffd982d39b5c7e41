using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Tests.Support;

namespace Harness.Tests.Robustness;

/// <summary>The writable model fields, the full model copy that restores them, and mj_setConst, on real MuJoCo.</summary>
public class ModelEditTests
{
    private static MjModel Load() => MjModel.LoadXml(PerturbationFixture.Scene.MjcfPath);

    [Test]
    public void A_copy_of_the_nominal_model_restores_every_edited_field()
    {
        using var m = Load();
        using var nominal = m.Clone();
        using var d = new MjData(m);
        int block = m.RequireId(MjObject.Geom, "block"), body = m.RequireId(MjObject.Body, "block");
        int cam = m.RequireId(MjObject.Camera, "overhead_cam"), key = m.RequireId(MjObject.Light, "key");
        m.EditGeomSize(block)[0] = 0.02;
        m.EditGeomRBound(block) = 1;
        m.EditGeomFriction(block)[0] = 0.1;
        m.EditGeomRgba(block)[1] = 1f;
        m.EditGeomMaterial(block) = m.RequireId(MjObject.Material, "block_wood");
        m.EditBodyMass(body) = 0.3;
        m.EditLightDir(key)[0] = 1;
        m.EditLightDiffuse(key)[0] = 0.1f;
        m.EditCameraPos(cam)[2] = 1;
        m.EditCameraFovY(cam) = 90;
        m.SetConst(d);
        Assert.That(m.BodySubtreeMass(body), Is.EqualTo(0.3).Within(1e-12));

        m.CopyFrom(nominal);
        // The values of scene.xml, written by hand.
        Assert.That(m.GeomSize(block).ToArray(), Is.EqualTo(new[] { 0.0125, 0.0125, 0.0125 }));
        Assert.That(m.EditGeomFriction(block).ToArray(), Is.EqualTo(new[] { 1.2, 0.02, 0.0002 }));
        Assert.That(m.EditGeomMaterial(block), Is.EqualTo(m.RequireId(MjObject.Material, "block")));
        Assert.That(m.BodyMass(body), Is.EqualTo(0.03).Within(1e-12));
        Assert.That(m.BodySubtreeMass(body), Is.EqualTo(0.03).Within(1e-12));
        Assert.That(m.EditLightDir(key).ToArray(), Is.EqualTo(new[] { -0.2 / Math.Sqrt(1.2), 0.4 / Math.Sqrt(1.2), -1 / Math.Sqrt(1.2) }).Within(1e-9));
        Assert.That(m.EditLightDiffuse(key)[0], Is.EqualTo(0.55f));
        Assert.That(m.EditCameraPos(cam).ToArray(), Is.EqualTo(new[] { 0.56, 0.03, 0.42 }).Within(1e-12)); // overhead_cam in scene.xml
        Assert.That(m.CameraFovY(cam), Is.EqualTo(58));
        Assert.That(m.EditGeomRBound(block), Is.EqualTo(0.0125 * Math.Sqrt(3)).Within(1e-12));
    }

    [Test]
    public void A_restored_model_steps_exactly_like_a_freshly_loaded_one()
    {
        using var fresh = Load();
        using var edited = Load();
        using var nominal = edited.Clone();
        using var scratch = new MjData(edited);
        edited.EditBodyMass(edited.RequireId(MjObject.Body, "block")) *= 3;
        edited.EditGeomSize(edited.RequireId(MjObject.Geom, "block"))[2] *= 1.3;
        edited.SetConst(scratch);
        edited.CopyFrom(nominal);

        using var a = new MjData(fresh);
        using var b = new MjData(edited);
        a.Ctrl[0] = b.Ctrl[0] = 0.5;
        a.Step(200);
        b.Step(200);
        Assert.That(b.Qpos.ToArray(), Is.EqualTo(a.Qpos.ToArray()), "bit for bit, including what mj_setConst derived");
    }

    [Test]
    public void SetConst_rederives_the_subtree_mass_only_when_called()
    {
        using var m = Load();
        using var d = new MjData(m);
        int body = m.RequireId(MjObject.Body, "block");
        m.EditBodyMass(body) = 0.06;
        Assert.That(m.BodySubtreeMass(body), Is.EqualTo(0.03).Within(1e-12), "a derived field is stale until mj_setConst");
        m.SetConst(d);
        Assert.That(m.BodySubtreeMass(body), Is.EqualTo(0.06).Within(1e-12));
    }

    [Test]
    public void A_model_is_restored_only_from_a_copy_of_itself()
    {
        using var so101 = Load();
        using var ur = MjModel.LoadXml(Path.Combine(RepoPaths.Root, "scenes", "ur5e-pick-place", "scene.xml"));
        Assert.That(() => so101.CopyFrom(ur), Throws.TypeOf<MujocoException>().With.Message.Contains("their sizes differ"));
        Assert.That(() => so101.EditGeomSize(so101.NGeom), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains($"the model has {so101.NGeom}"));
    }

    [Test]
    public void The_resting_block_presses_on_the_table_with_its_weight()
    {
        using var env = new MujocoEnv(PerturbationFixture.Scene);
        env.Reset(3);
        env.Step(PerturbationFixture.Hold(env.Reset(3)));
        double n = PerturbationFixture.NormalForce(env.Data, env.Model.RequireId(MjObject.Geom, "block"), env.Model.RequireId(MjObject.Geom, "table"));
        Assert.That(n, Is.EqualTo(0.03 * 9.81).Within(0.02 * 0.03 * 9.81), "30 g at g = 9.81 (the MJCF's default gravity)");
    }
}
