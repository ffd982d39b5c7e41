using Harness.Core.Kinematics;
using Harness.Core.Robots;
using Harness.Sim.Packages;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Scenes;

/// <summary>robot.end_effector and depth camera keys of scene packages: read, defaulted and refused with file and key.</summary>
public class EndEffectorPackageTests
{
    private static string Exported(TempDir dir)
    {
        var path = dir["pkg"];
        ScenePackageExporter.Export("so101-pick-place", path);
        return path;
    }

    private static void Edit(string pkg, string from, string to)
    {
        var file = Path.Combine(pkg, "scene.yaml");
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain(from), "fixture edit");
        File.WriteAllText(file, text.Replace(from, to));
    }

    [Test]
    public void The_built_in_scene_declares_its_end_effector_and_depth_camera()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        var ee = scene.EndEffector!;
        Assert.That((ee.BaseFrame, ee.ToolFrame), Is.EqualTo(("base", "tcp")));
        Assert.That(ee.Honoured, Is.EqualTo(OrientationComponents.Pitch | OrientationComponents.Roll));
        Assert.That((ee.Tolerance.PositionM, ee.Tolerance.OrientationDeg), Is.EqualTo((0.005, 5.0)));
        var depth = scene.Camera("overhead_cam_depth")!;
        Assert.That((depth.MjcfCamera, depth.Kind), Is.EqualTo(("overhead_cam", CameraKind.Depth)));
        Assert.That(scene.Experts!.Variants, Does.Contain("scripted:ee"));
    }

    [Test]
    public void Edited_keys_are_read_and_a_depth_encoding_reaches_the_camera_spec()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        Edit(pkg, "honoured: [pitch, roll]", "honoured: [all]");
        Edit(pkg, "tolerance: {position_mm: 5, orientation_deg: 5}", "tolerance: {position_mm: 2, orientation_deg: 3}");
        Edit(pkg, "{name: overhead_cam_depth, mjcf: overhead_cam, kind: depth}", "{name: overhead_cam_depth, mjcf: overhead_cam, kind: depth, unit: 0-1, channels: 3, range_m: [0.2, 1.2]}");
        var scene = SceneCatalog.Get(pkg);
        Assert.That(scene.EndEffector!.Honoured, Is.EqualTo(OrientationComponents.All));
        Assert.That((scene.EndEffector.Tolerance.PositionM, scene.EndEffector.Tolerance.OrientationDeg), Is.EqualTo((0.002, 3.0)));
        using var env = new Harness.Sim.Env.MujocoEnv(scene);
        var cam = env.Spec.Camera("overhead_cam_depth")!;
        Assert.That(cam.Depth, Is.EqualTo(new DepthEncoding(Units.Fraction, 3, 0.2, 1.2)));
        Assert.That(env.Spec.Feature("observation.images.overhead_cam_depth")!.Shape, Is.EqualTo(new[] { 480, 640, 3 }));
        Assert.That(cam.ValueRange, Is.EqualTo((0.0, 1.0)));
    }

    [Test]
    public void Bad_end_effector_and_depth_keys_are_refused_with_file_key_and_what_is_expected()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        Edit(pkg, "base: base", "base: bse");
        Edit(pkg, "honoured: [pitch, roll]", "honoured: [pitch, tilt]");
        Edit(pkg, "tolerance: {position_mm: 5, orientation_deg: 5}", "tolerance: {position_mm: 5}");
        Edit(pkg, "{name: overhead_cam_depth, mjcf: overhead_cam, kind: depth}", "{name: overhead_cam_depth, mjcf: overhead_cam, kind: depth, channels: 2}");
        var ex = Assert.Throws<ScenePackageException>(() => SceneCatalog.Get(pkg))!;
        Assert.That(ex.Problems.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "robot.end_effector.base", "robot.end_effector.honoured", "robot.end_effector.tolerance", "cameras[3].channels",
        }), string.Join("\n", ex.Problems));
        Assert.That(ex.Problems.Single(p => p.Key == "robot.end_effector.honoured").Message, Does.Contain("'tilt'").And.Contain("roll, pitch, yaw or all"));
        Assert.That(ex.Problems.Single(p => p.Key == "robot.end_effector.base").Message, Does.Contain("'bse'").And.Contain("base"));
        Assert.That(ex.Problems.Single(p => p.Key == "cameras[3].channels").Message, Does.Contain("expected 1 or 3"));
    }
}
