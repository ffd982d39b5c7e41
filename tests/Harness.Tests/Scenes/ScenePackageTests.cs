using System.Text.Json;
using Harness.Cli.Composition;
using Harness.Sim.Packages;
using Harness.Sim.Rendering;
using Harness.Sim.Native;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Scenes;

/// <summary>Scene packages: export, edit, check, evaluate; and every misspelling refused with file, key and the names that exist.</summary>
public class ScenePackageTests
{
    private static string Exported(TempDir dir, string name = "pkg")
    {
        var path = dir[name];
        ScenePackageExporter.Export("so101-pick-place", path);
        return path;
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain(from), $"fixture edit: '{from}' not found in {file}");
        File.WriteAllText(file, text.Replace(from, to));
    }

    [Test]
    public void An_exported_built_in_scene_is_the_same_package_and_evaluates_identically()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        Assert.That(File.Exists(Path.Combine(pkg, "scene.yaml")) && File.Exists(Path.Combine(pkg, "scene.xml")), Is.True);
        var builtIn = SceneCatalog.Get("so101-pick-place");
        var folder = SceneCatalog.Get(pkg);
        Assert.That(folder.Sha256, Is.EqualTo(builtIn.Sha256), "the same files give the same identity");
        EvalJob.Run(new EvalRequest("so101-pick-place", "scripted", 4, 0, dir["a"]));
        EvalJob.Run(new EvalRequest(pkg, "scripted", 4, 0, dir["b"]));
        Assert.That(EpisodeCsvText.WithoutTiming(dir["b/episodes.csv"]), Is.EqualTo(EpisodeCsvText.WithoutTiming(dir["a/episodes.csv"])));
    }

    [Test]
    public void An_edited_package_moves_the_bowl_renames_a_camera_resizes_the_block_and_still_works()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        string xml = Path.Combine(pkg, "scene.xml"), yaml = Path.Combine(pkg, "scene.yaml");
        Edit(xml, "<camera name=\"overhead_cam\"", "<camera name=\"top\"");
        Edit(xml, "<body name=\"bowl\" pos=\"0.14 0.16 0\">", "<body name=\"bowl\" pos=\"0.12 0.18 0\">");
        Edit(xml, "size=\"0.0125 0.0125 0.0125\" mass=\"0.03\"", "size=\"0.015 0.015 0.015\" mass=\"0.04\"");
        Edit(yaml, "{name: overhead_cam, kind: rgb}", "{name: top, kind: rgb}");
        Edit(yaml, "mjcf: overhead_cam, kind: depth", "mjcf: top, kind: depth");
        Edit(yaml, "video_cameras: [overhead_cam, wrist_cam]", "video_cameras: [top, wrist_cam]");
        Edit(yaml, "view_camera: overhead_cam", "view_camera: top");
        Edit(yaml, "cameras: [overhead_cam, front_cam]", "cameras: [top, front_cam]");
        Edit(yaml, "cameras: [overhead_cam, front_cam, wrist_cam]", "cameras: [top, front_cam, wrist_cam]");
        Edit(yaml, "z: 0.013}", "z: 0.0155}");

        var results = SceneCheck.Run(pkg, CameraRenderer.Factory(GlBackend.OsMesa), expertSeeds: 3);
        Assert.That(results.Where(r => !r.Passed).SelectMany(r => r.Messages), Is.Empty);
        Assert.That(results.Single(r => r.Check.StartsWith("cameras")).Messages, Has.Some.StartsWith("top:"));

        var s = EvalJob.Run(new EvalRequest(pkg, "scripted", 6, 0, dir["run"]));
        Assert.That(s.Successes, Is.GreaterThanOrEqualTo(5), "the expert adapts to the moved bowl and the bigger block");
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["run/run.json"]));
        var id = doc.RootElement.GetProperty("scene_identity");
        Assert.That(id.GetProperty("sha256").GetString(), Is.Not.EqualTo(SceneCatalog.Get("so101-pick-place").Sha256), "an edited package is another scene");
        var cams = doc.RootElement.GetProperty("robot").GetProperty("cameras").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
        Assert.That(cams, Does.Contain("top").And.Not.Contain("overhead_cam"));
        // The bowl moved: the privileged state reports it where the MJCF puts it.
        var scene = SceneCatalog.Get(pkg);
        using var env = new Harness.Sim.Env.MujocoEnv(scene);
        var e = env.Reset(1).Vector("observation.environment_state");
        Assert.That(e[7], Is.EqualTo(0.12).Within(1e-9));
        Assert.That(e[8], Is.EqualTo(0.18).Within(1e-9));
    }

    [Test]
    public void A_misspelled_joint_or_camera_is_refused_naming_the_file_the_key_and_the_names_that_exist()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        var yaml = Path.Combine(pkg, "scene.yaml");
        Edit(yaml, "joint: elbow_flex,", "joint: elbow_flx,");
        Edit(yaml, "{name: wrist_cam, kind: rgb}", "{name: wrist_camera, kind: rgb}");

        var ex = Assert.Throws<ScenePackageException>(() => SceneCatalog.Get(pkg))!;
        // Three: the joint, the camera, and video_cameras still naming the old camera feature.
        Assert.That(ex.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "robot.joints[2].joint", "cameras[1].name", "video_cameras[1]" }), string.Join("\n", ex.Problems));
        var joint = ex.Problems.Single(p => p.Key == "robot.joints[2].joint");
        Assert.That(joint.File, Is.EqualTo(yaml));
        Assert.That(joint.Message, Does.Contain("'elbow_flx'").And.Contain("elbow_flex").And.Contain("shoulder_lift"));
        var cam = ex.Problems.Single(p => p.Key == "cameras[1].name");
        Assert.That(cam.Message, Does.Contain("'wrist_camera'").And.Contain("wrist_cam").And.Contain("overhead_cam"));

        // eval refuses it the same way, before any run directory exists.
        var evalEx = Assert.Throws<ScenePackageException>(() => EvalJob.Run(new EvalRequest(pkg, "scripted", 1, 0, dir["run"])))!;
        Assert.That(evalEx.Message, Does.Contain("robot.joints[2].joint").And.Contain(yaml));
        Assert.That(Directory.Exists(dir["run"]), Is.False);
        // And scene check reports it as its first, failed check.
        var check = SceneCheck.Run(pkg, null);
        Assert.That(check.Single().Passed, Is.False);
    }

    [Test]
    public void Unknown_keys_units_and_implausible_ranges_are_refused()
    {
        using var dir = new TempDir();
        var pkg = Exported(dir);
        var yaml = Path.Combine(pkg, "scene.yaml");
        var original = File.ReadAllText(yaml);

        Edit(yaml, "control_hz: 30", "control_hertz: 30");
        var unknown = Assert.Throws<ScenePackageException>(() => ScenePackageLoader.Load(pkg))!;
        Assert.That(unknown.Message, Does.Contain("control_hertz").And.Contain("line"));

        File.WriteAllText(yaml, original.Replace("joint: shoulder_pan, actuator: shoulder_pan, unit: deg", "joint: shoulder_pan, actuator: shoulder_pan, unit: degrees"));
        var unit = Assert.Throws<ScenePackageException>(() => ScenePackageLoader.Load(pkg))!;
        Assert.That(unit.Problems.Single().Key, Is.EqualTo("robot.joints[0].unit"));
        Assert.That(unit.Problems.Single().Message, Does.Contain("'degrees'").And.Contain("deg, rad"));

        // Radians declared on a joint whose range is +-110 degrees: the automatic conversion is 1:1,
        // so the limits are +-1.92 rad, which is plausible; but feature range 0..100 in rad is not.
        File.WriteAllText(yaml, original.Replace("unit: 0-100\n", "unit: rad\n"));
        var implausible = Assert.Throws<ScenePackageException>(() => ScenePackageLoader.Load(pkg))!;
        Assert.That(implausible.Problems.Single().Key, Is.EqualTo("robot.joints[5].unit"));
        Assert.That(implausible.Problems.Single().Message, Does.Contain("implausible"));
    }

    [Test]
    public void Units_convert_exactly_between_the_simulator_and_the_features()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        using var env = new Harness.Sim.Env.MujocoEnv(scene);
        var map = (Harness.Sim.Env.ElementJointMap)env.Parts.Joints;
        var pan = map.Elements[0];
        Assert.That(pan.ToFeature(Math.PI / 2), Is.EqualTo(90).Within(1e-12), "degrees from radians");
        var grip = map.Elements[5];
        // LeRobot RANGE_0_100 over a jaw travelling -10..100 degrees: 0 = -10 deg, 100 = 100 deg.
        Assert.That(grip.ToFeature(-10 * Math.PI / 180), Is.EqualTo(0).Within(1e-9));
        Assert.That(grip.ToFeature(100 * Math.PI / 180), Is.EqualTo(100).Within(1e-9));
        Assert.That(grip.ToSim(50) * 180 / Math.PI, Is.EqualTo(45).Within(1e-9));
        Assert.That(env.Spec.Joints[0].Min, Is.EqualTo(-110).Within(1e-6));
        Assert.That(env.Spec.Joints[5].Gripper!.Open, Is.EqualTo(100));
    }
}
