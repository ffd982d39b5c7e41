using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Sim;

public class MujocoBindingTests
{
    [Test]
    public void Loaded_library_matches_the_headers_the_shim_was_built_against()
    {
        Assert.That(MujocoLibrary.Version, Is.EqualTo("2.2.2"));
    }

    [Test]
    public void A_broken_mjcf_reports_mujocos_own_message()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.xml"], "<mujoco><worldbody><geom type=\"sphere\" size=\"-1\" bogus_attr=\"3\"/></worldbody></mujoco>");
        var ex = Assert.Throws<MujocoException>(() => MjModel.LoadXml(dir["bad.xml"]));
        Assert.That(ex!.Message, Does.Contain("bad.xml").And.Contain("bogus_attr"));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var ex = Assert.Throws<MujocoException>(() => MjModel.LoadXml("/nonexistent/scene.xml"));
        Assert.That(ex!.Message, Does.Contain("/nonexistent/scene.xml"));
    }

    [Test]
    public void Unknown_names_list_the_ones_that_exist()
    {
        using var m = MjModel.LoadXml(SceneCatalog.Get("so101-pick-place").MjcfPath);
        var ex = Assert.Throws<MujocoException>(() => m.RequireId(MjObject.Camera, "nope"));
        Assert.That(ex!.Message, Does.Contain("overhead_cam").And.Contain("wrist_cam"));
    }

    [Test]
    public void Copied_data_steps_identically()
    {
        using var m = MjModel.LoadXml(SceneCatalog.Get("so101-pick-place").MjcfPath);
        using var a = new MjData(m);
        using var b = new MjData(m);
        a.Ctrl[1] = 0.3;
        a.Step(50);
        b.CopyFrom(a);
        a.Step(40);
        b.Step(40);
        Assert.That(b.Qpos.ToArray(), Is.EqualTo(a.Qpos.ToArray()));
        Assert.That(b.Time, Is.EqualTo(a.Time));
    }

    [Test]
    public void Site_jacobian_predicts_a_small_motion()
    {
        using var m = MjModel.LoadXml(SceneCatalog.Get("so101-pick-place").MjcfPath);
        using var d = new MjData(m);
        int site = m.RequireId(MjObject.Site, "tcp");
        int dof = m.JointDofAdr(m.RequireId(MjObject.Joint, "elbow_flex"));
        int qadr = m.JointQposAdr(m.RequireId(MjObject.Joint, "elbow_flex"));
        d.Kinematics();
        var p0 = d.SitePos(site).ToArray();
        var jac = d.SiteJacobian(site);
        const double dq = 1e-5;
        d.Qpos[qadr] += dq;
        d.Kinematics();
        var p1 = d.SitePos(site).ToArray();
        for (int k = 0; k < 3; k++)
            Assert.That((p1[k] - p0[k]) / dq, Is.EqualTo(jac[k * m.Nv + dof]).Within(1e-4));
    }
}
