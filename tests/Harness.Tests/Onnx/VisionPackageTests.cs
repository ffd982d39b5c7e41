using System.Text.Json;
using Harness.Cli.Composition;
using Harness.Policies.Onnx;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>
/// The shipped camera policy (policies/so101_vision_cnn, trained with scripts/train_vision_policy.py):
/// it reads joint state and camera images only, and runs through eval at the image size it declares.
/// </summary>
public class VisionPackageTests
{
    private static string Package => Path.Combine(RepoPaths.Root, "policies", "so101_vision_cnn");

    [Test]
    public void Reads_only_the_joint_state_and_two_cameras_none_of_them_privileged()
    {
        var package = PolicyPackage.Load(Package);
        var features = package.Manifest.Inputs.Select(i => i.Feature).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.That(features, Is.EqualTo(new[] { "observation.images.overhead_cam", "observation.images.wrist_cam", "observation.state" }));

        using var env = EnvFactory.Create(SceneEntry.Resolve("so101-pick-place"), new ImageOptions());
        var privileged = env.Spec.Features.Where(f => f.Privileged).Select(f => f.Name).ToArray();
        Assert.That(privileged, Does.Contain("observation.environment_state"), "the scene marks its simulator-only state");
        Assert.That(features.Intersect(privileged), Is.Empty);
        Assert.That(package.Reference, Is.Not.Null, "the package ships the reference pair the training script computed");
        Assert.That(package.Manifest.Inputs.Where(i => i.Kind == InputKind.Image).Select(i => i.Resize), Is.All.EqualTo(new ImageSize(96, 96)));
    }

    [Test]
    public void Runs_through_eval_at_its_declared_image_size_with_every_preflight_check_passing()
    {
        using var dir = new TempDir();
        var (code, _, err) = InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "onnx:" + Package,
            "--episodes", "2", "--seed", "0", "--out", dir["v"]);
        Assert.That(code, Is.EqualTo(0), err);

        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir["v"], "run.json")));
        var root = run.RootElement;
        var settings = root.GetProperty("settings");
        Assert.That(settings.GetProperty("image_size").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 96, 96 }));
        Assert.That(settings.GetProperty("cameras").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "overhead_cam", "wrist_cam" }));
        Assert.That(root.GetProperty("episodes").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt32()), Is.EqualTo(2));
        Assert.That(root.GetProperty("outcomes").GetProperty("ERROR").GetInt32(), Is.EqualTo(0));
        var checks = root.GetProperty("preflight").EnumerateArray()
            .ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("result").GetString());
        Assert.That(checks["Reference"], Is.EqualTo("pass"), "ONNX Runtime reproduces PyTorch's chunk for the reference observation");
        Assert.That(checks.Values, Is.All.EqualTo("pass"));
    }
}

/// <summary>The camera size used when --image-size is not given.</summary>
public class PolicyImageSizeTests
{
    private static string PackageWith(TempDir dir, string name, params int[][] resizes)
    {
        string path = dir[name];
        Directory.CreateDirectory(path);
        var inputs = new List<object> { new { tensor = "state", feature = "observation.state", kind = "state" } };
        for (int i = 0; i < resizes.Length; i++)
            inputs.Add(new { tensor = $"cam{i}", feature = $"observation.images.cam{i}", kind = "image", resize = resizes[i] });
        File.WriteAllText(Path.Combine(path, "policy.json"), JsonSerializer.Serialize(new
        {
            format = "harness.onnx-policy/1",
            inputs,
            output = new { tensor = "actions", feature = "action", shape = "[1,T,A]" },
            n_action_steps = 10,
        }));
        return "onnx:" + path;
    }

    [Test]
    public void An_explicit_size_always_wins()
    {
        using var dir = new TempDir();
        Assert.That(PolicyImageSize.Resolve("240x320", PackageWith(dir, "p", [96, 96])), Is.EqualTo("240x320"));
    }

    [Test]
    public void Without_one_the_size_the_package_declares_for_its_cameras()
    {
        using var dir = new TempDir();
        Assert.That(PolicyImageSize.Resolve(null, PackageWith(dir, "p", [96, 96], [96, 96])), Is.EqualTo("96x96"));
        Assert.That(PolicyImageSize.Resolve(null, PackageWith(dir, "q", [72, 128])), Is.EqualTo("72x128"));
    }

    [Test]
    public void Falls_back_to_480x640_when_nothing_or_disagreeing_sizes_are_declared()
    {
        using var dir = new TempDir();
        Assert.That(PolicyImageSize.Resolve(null, "scripted"), Is.EqualTo("480x640"));
        Assert.That(PolicyImageSize.Resolve(null, PackageWith(dir, "state_only")), Is.EqualTo("480x640"));
        Assert.That(PolicyImageSize.Resolve(null, PackageWith(dir, "mixed", [96, 96], [224, 224])), Is.EqualTo("480x640"));
        Assert.That(PolicyImageSize.Resolve(null, PackageWith(dir, "a", [96, 96]), PackageWith(dir, "b", [128, 128])), Is.EqualTo("480x640"));
        Assert.That(PolicyImageSize.Resolve(null, "onnx:" + dir["missing"]), Is.EqualTo("480x640"));
    }
}
