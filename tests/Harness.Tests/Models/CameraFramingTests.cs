using Harness.Core.Robots;
using Harness.Media.Images;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using static Harness.Tests.Models.ModelScenes;

namespace Harness.Tests.Models;

/// <summary>
/// Every camera of the converted scenes frames the workspace: rendered with OSMesa at the scene's
/// image size, the red object shows up where MuJoCo's camera model projects it. World cameras see
/// it at its keyframe place; wrist cameras see it on the table under the tool.
/// </summary>
public class CameraFramingTests
{
    private static IEnumerable<TestCaseData> Cameras()
    {
        // scene, qpos (keyframe 'home'), object joint and body, tool site, image height x width, camera, wrist camera?
        double[] so = [.. So101Home, 0.22, -0.07, 0.0125, 1, 0, 0, 0];
        double[] ur = [.. Ur5eHome, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, -0.1, 0.02, 1, 0, 0, 0];
        double[] trArm = [.. TrossenArmHome, 0.03, 0.03];
        double[] tr = [.. trArm, .. trArm, 0, -0.15, 0.04, 1, 0, 0, 0];
        foreach (var (cam, wrist) in new[] { ("overhead_cam", false), ("front_cam", false), ("wrist_cam", true) })
            yield return new TestCaseData(So101, so, "block_free", "block", "tcp", 480, 640, cam, wrist).SetName($"So101_{cam}_sees_the_block");
        foreach (var (cam, wrist) in new[] { ("base_rgb", false), ("top", false), ("wrist_rgb", true) })
            yield return new TestCaseData(Ur5e, ur, "block_free", "block", "tcp", 256, 256, cam, wrist).SetName($"Ur5e_{cam}_sees_the_block");
        foreach (var (cam, wrist) in new[] { ("cam_high", false), ("cam_low", false), ("cam_left_wrist", true), ("cam_right_wrist", true) })
            yield return new TestCaseData(Trossen, tr, "red_box_joint", "box", cam == "cam_left_wrist" ? "follower_left_ee_site" : "follower_right_ee_site",
                480, 640, cam, wrist).SetName($"Trossen_{cam}_sees_the_cube");
    }

    [TestCaseSource(nameof(Cameras))]
    public void Camera_sees_the_object_where_it_projects(string scene, double[] qpos, string objectJoint, string objectBody, string toolSite,
        int height, int width, string camera, bool wrist)
    {
        using var m = Load(scene);
        using var d = new MjData(m);
        qpos.CopyTo(d.Qpos);
        int oq = Qpos(m, objectJoint);
        d.Forward();
        if (wrist)
        {
            // Put the object on the table straight under the tool.
            var p = d.SitePos(m.RequireId(MjObject.Site, toolSite));
            d.Qpos[oq] = p[0];
            d.Qpos[oq + 1] = p[1];
            d.Forward();
        }
        var centre = d.BodyPos(m.RequireId(MjObject.Body, objectBody)).ToArray();
        using var renderer = new CameraRenderer(m, height, width, GlBackend.OsMesa);
        var image = renderer.Render(d, camera);
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "model-stills");
        Directory.CreateDirectory(dir);
        PngEncoder.Write(Path.Combine(dir, $"{Path.GetDirectoryName(scene)!.Replace('/', '_')}_{camera}.png"), image);
        var px = MjCameraPose.Of(d, m.RequireId(MjObject.Camera, camera)).Project(centre[0], centre[1], centre[2], height, width);
        Assert.That(px, Is.Not.Null, $"{camera} looks away from the object");
        var (col, row) = px!.Value;
        Assert.That(col, Is.InRange(0, width - 1), $"{camera}: object column");
        Assert.That(row, Is.InRange(0, height - 1), $"{camera}: object row");
        int red = RedAround(image, col, row, 3);
        TestContext.Out.WriteLine($"{camera}: object at pixel ({col:F0}, {row:F0}), {red} red pixels around it");
        Assert.That(red, Is.GreaterThanOrEqualTo(20), $"{camera}: the object is hidden or off its projection");
    }

    private static int RedAround(CameraImage img, double col, double row, int radius)
    {
        int n = 0;
        for (int r = (int)row - radius; r <= (int)row + radius; r++)
            for (int c = (int)col - radius; c <= (int)col + radius; c++)
                if (r >= 0 && c >= 0 && r < img.Height && c < img.Width
                    && img.At(r, c, 0) > 120 && img.At(r, c, 1) < 80 && img.At(r, c, 2) < 80) n++;
        return n;
    }
}
