using Harness.Core.Robots;
using Harness.Media.Images;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Rendering;

/// <summary>Depth cameras: MuJoCo's depth buffer as metres, checked against the scene's geometry; encodings; the render command.</summary>
public class DepthCameraTests
{
    private const string Camera = "overhead_cam_depth";

    /// <summary>Distance along the camera axis from the camera to the plane z = <paramref name="planeZ"/> through pixel (row, col).</summary>
    private static double PlaneDepth(MjCameraPose pose, int row, int col, int height, int width, double planeZ)
    {
        double t = Math.Tan(pose.FovYDegrees * Math.PI / 360);
        // Pixel centre in the camera frame (x right, y up, looking along -z), at unit depth.
        double cx = (2 * (col + 0.5) / width - 1) * t * width / height, cy = (1 - 2 * (row + 0.5) / height) * t;
        var r = pose.Rotation;
        double dz = r[6] * cx + r[7] * cy - r[8];
        return (planeZ - pose.Position[2]) / dz;
    }

    // MuJoCo renders offscreen with multisampling and the depth buffer keeps one sample per pixel,
    // up to about 0.4 pixel from the centre: on a steep plane that is depth(row +- 0.4). At 480x640
    // that is 0.2 mm on the table and 2 mm on the far floor.
    [Test]
    public void Metric_depth_matches_the_table_and_floor_planes_along_the_camera_axis()
    {
        const int h = 480, w = 640;
        using var env = new MujocoEnv(SceneCatalog.Get(RenderTestScene.Scene), new MujocoEnvOptions(h, w, CameraRenderer.Factory(GlBackend.OsMesa)));
        env.Reset(0);
        var spec = env.Spec.Camera(Camera)!;
        Assert.That(spec.Kind, Is.EqualTo(CameraKind.Depth));
        Assert.That(env.Spec.Feature(FeatureNames.Image(Camera))!.Shape, Is.EqualTo(new[] { h, w, 1 }));
        Assert.That(env.Spec.Feature(FeatureNames.Image(Camera))!.DType, Is.EqualTo(FeatureDType.Float32));
        var depth = env.Render(Camera);
        Assert.That(depth.IsFloat && depth.Channels == 1, Is.True);
        var pose = MjCameraPose.Of(env.Data, env.Model.RequireId(MjObject.Camera, "overhead_cam"));

        // The bottom of the image sees the table top (z = 0); the upper left, beside the table, the
        // floor (z = -0.75; the top rows see the sky beyond the floor).
        double Worst(params (int Row, int Col)[] pixels) => pixels.Max(p =>
        {
            double z = p.Row > h / 2 ? 0 : -0.75;
            double expected = PlaneDepth(pose, p.Row, p.Col, h, w, z), found = depth.ValueAt(p.Row, p.Col);
            TestContext.Out.WriteLine($"pixel ({p.Row},{p.Col}) plane z={z}: expected {expected:0.00000} m, found {found:0.00000} m");
            return Math.Abs(found - expected);
        });
        double table = Worst((h - 1, 0), (h - 1, w - 1), (h - 30, 80), (h - 10, 600)), floor = Worst((85, 20), (92, 60));
        TestContext.Out.WriteLine($"worst depth error: table {table * 1000:0.000} mm, floor {floor * 1000:0.000} mm");
        Assert.That(table, Is.LessThan(0.0005));
        Assert.That(floor, Is.LessThan(0.003));
        // The feature is metres: the bottom-left pixel sees the table at (0.456, -0.249, 0), 0.379 m
        // along the axis of the camera at (0.56, 0.03, 0.42) (worked out by hand from its pose and fovy).
        Assert.That(depth.ValueAt(h - 1, 0), Is.EqualTo(0.379).Within(0.002));
    }

    [Test]
    public void Depth_buffer_values_become_metres_with_the_clipping_planes()
    {
        var clip = new MjDepthClip(0.01, 50, 1);
        Assert.That(clip.Metres(0), Is.EqualTo(0.01).Within(1e-12));
        Assert.That(clip.Metres(1), Is.EqualTo(50).Within(1e-9));
        Assert.That(clip.Metres(0.5), Is.EqualTo(0.019996000799840).Within(1e-12));
        using var model = MjModel.LoadXml(SceneCatalog.Get(RenderTestScene.Scene).MjcfPath);
        // MuJoCo's defaults (znear 0.01, zfar 50) times the model's extent.
        Assert.That(new[] { model.DepthClip.ZNear, model.DepthClip.ZFar }, Is.EqualTo(new[] { 0.01, 50 }).Within(1e-9));
    }

    [Test]
    public void Encodings_scale_to_0_1_or_replicate_into_three_channels()
    {
        var metres = CameraImage.FromValues(1, 3, 1, [0.6f, 2.0f, 0.05f]);
        var unit = new DepthEncoding(Units.Fraction, 1, 0.1, 1.1).Encode(metres);
        Assert.That(unit.Values, Is.EqualTo(new[] { 0.5f, 1f, 0f }).Within(1e-6));
        var three = new DepthEncoding(Units.Metres, 3, 0.1, 1.1).Encode(metres);
        Assert.That(three.Channels, Is.EqualTo(3));
        Assert.That(three.Values, Is.EqualTo(new[] { 0.6f, 0.6f, 0.6f, 1.1f, 1.1f, 1.1f, 0.1f, 0.1f, 0.1f }).Within(1e-6));
        Assert.That(new DepthEncoding(Units.Fraction, 3, 0.1, 1.1).ValueRange, Is.EqualTo((0.0, 1.0)));
        Assert.That(() => new DepthEncoding(Units.Degrees, 1, 0, 1).Validate("c"), Throws.ArgumentException.With.Message.Contains("m or 0-1"));
    }

    [Test]
    public void Render_writes_a_colour_mapped_png_of_a_depth_camera()
    {
        using var dir = new TempDir();
        var (code, output, err) = InProcessCli.Run("render", "--scene", RenderTestScene.Scene, "--camera", Camera, "--seed", "0", "--out", dir["d.png"], "--image-size", "60x80");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("depth colour-mapped from"));
        var bytes = File.ReadAllBytes(dir["d.png"]);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }));
        var rgb = DepthColormap.ToRgb(CameraImage.FromValues(1, 2, 1, [0.5f, 1.5f]), out var near, out var far);
        Assert.That((near, far), Is.EqualTo((0.5, 1.5)));
        Assert.That(rgb.Pixels, Is.EqualTo(new byte[] { 253, 231, 37, 68, 1, 84 }), "near is yellow, far dark blue");
    }
}
