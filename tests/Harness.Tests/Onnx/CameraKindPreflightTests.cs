using Harness.Core.Actions;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>Pre-flight of image inputs against the camera mapped to them: kind, channels, value range, training FOV; policy.json action_space and units.</summary>
public class CameraKindPreflightTests
{
    private const int Img = 8;

    /// <summary>One 3-channel [0,1] image input 'cam' (plus the state), trained at a 52 degree camera.</summary>
    private static string Package(string dir, int channels = 3, double? fovy = 52, double[]? imageMean = null)
    {
        var g = new OnnxGraphBuilder("one_camera");
        var state = g.Input("state", TensorElementType.Float32, 1, 6);
        var cam = g.Input("cam", TensorElementType.Float32, 1, channels, Img, Img);
        var image = g.Node("ReduceMean", [cam], attributes: OnnxAttribute.Of("keepdims", 0L));
        var chunk = g.Reshape(g.Add(state, g.Mul(image, g.Constant("zero", [0f]))), [1, 1, 6]);
        g.Node("Identity", [chunk], output: "actions");
        g.Output("actions", TensorElementType.Float32, 1, 1, 6);
        var manifest = new PolicyManifest(
            [new PolicyInput("state", FeatureNames.State, InputKind.State), new PolicyInput("cam", FeatureNames.Image("cam"), InputKind.Image, FovYDeg: fovy)],
            new PolicyOutput("actions", OutputForm.Chunk),
            new Dictionary<string, NormalizationMode> { [FeatureNames.Image("cam")] = NormalizationMode.MeanStd },
            NActionSteps: 1, ActionSpace: ActionSpaces.Parse("delta"), Units: new Dictionary<string, UnitDeclaration> { ["gripper.pos"] = UnitDeclaration.Parse("0-1") });
        var mean = imageMean ?? [0.5, 0.5, 0.5];
        var stats = new PolicyStats(new Dictionary<string, FeatureStats>
        {
            [FeatureNames.Image("cam")] = new(Min: mean.Select(_ => 0.0).ToArray(), Max: mean.Select(_ => 1.0).ToArray(), Mean: mean, Std: mean.Select(_ => 0.2).ToArray()),
        });
        return PolicyPackageWriter.Write(dir, OnnxModelWriter.Serialize(g.BuildModel()), manifest, stats);
    }

    /// <summary>The test arm with an RGB camera at 58 deg, one at 52.4 deg, and a metric depth camera at 52 deg.</summary>
    private static RobotSpec Spec()
    {
        var baseSpec = Robots.So101();
        CameraSpec[] cams =
        [
            new("rgb58", Img, Img, 58), new("rgb52", Img, Img, 52.4),
            new("depth", Img, Img, 52, CameraKind.Depth, new DepthEncoding(Units.Metres, 1, 0.0146, 73)),
        ];
        return baseSpec with { Cameras = cams, Features = [.. baseSpec.Features, .. cams.Select(RobotSpec.CameraFeature)] };
    }

    private static PreflightResult Result(string package, string camera, string check)
    {
        using var policy = OnnxPolicy.Load(package, new OnnxPolicyOptions(new Dictionary<string, string> { [FeatureNames.Image("cam")] = FeatureNames.Image(camera) }));
        return policy.Preflight(PreflightContext.SpecOnly(Spec())).Results.Single(r => r.Check == check);
    }

    [Test]
    public void Depth_fed_as_rgb_and_rgb_fed_as_depth_are_refused()
    {
        using var dir = new TempDir();
        var rgbPolicy = Package(dir["rgb"]);
        Assert.That(Result(rgbPolicy, "rgb52", "CameraKind").Status, Is.EqualTo(PreflightStatus.Pass));
        var depthAsRgb = Result(rgbPolicy, "depth", "CameraKind");
        Assert.That(depthAsRgb.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(depthAsRgb.Message, Does.Contain("depth fed as RGB").And.Contain("camera 'depth' (depth, 1 channel(s), m in [0.015, 73])"));

        var depthPolicy = Package(dir["depth"], channels: 1, fovy: null, imageMean: [0.4]);
        var rgbAsDepth = Result(depthPolicy, "rgb52", "CameraKind");
        Assert.That(rgbAsDepth.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(rgbAsDepth.Message, Does.Contain("RGB fed as depth"));
        // A 1-channel policy trained on 0-1 depth, fed metres up to 73: the value range disagrees.
        var metres = Result(depthPolicy, "depth", "CameraKind");
        Assert.That(metres.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(metres.Message, Does.Contain("scaled to about 0-1").And.Contain("unit: 0-1"));
    }

    [Test]
    public void A_package_trained_at_another_fov_is_refused_on_that_camera()
    {
        using var dir = new TempDir();
        var pkg = Package(dir["p"]);
        Assert.That(Result(pkg, "rgb52", "CameraFov").Status, Is.EqualTo(PreflightStatus.Pass), "52.4 vs 52 deg is within 1 deg");
        var other = Result(pkg, "rgb58", "CameraFov");
        Assert.That(other.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(other.Message, Does.Contain("52 deg (policy.json fovy_deg)").And.Contain("has 58 deg"));
        // Without a recorded FOV there is nothing to compare.
        Assert.That(Result(Package(dir["n"], fovy: null), "rgb58", "CameraFov").Status, Is.EqualTo(PreflightStatus.Pass));
    }

    [Test]
    public void Policy_json_declares_action_space_and_units_for_the_adapter()
    {
        using var dir = new TempDir();
        using var policy = OnnxPolicy.Load(Package(dir["p"]));
        Assert.That(ActionSpaces.NameOf(policy.ActionSpace!), Is.EqualTo("delta"));
        Assert.That(policy.Units["gripper.pos"].Unit, Is.EqualTo("0-1"));
        Assert.That(File.ReadAllText(Path.Combine(dir["p"], "policy.json")), Does.Contain("\"action_space\": \"delta\"").And.Contain("\"fovy_deg\": 52"));
    }
}

/// <summary>(p) Declared units against the package's state statistics, through the action adapter.</summary>
public class UnitsPreflightTests
{
    [Test]
    public void A_gripper_declared_0_1_whose_training_data_reach_100_is_refused()
    {
        using var dir = new TempDir();
        var pkg = FaultPackages.Copy(dir.Path, "units");
        var spec = Robots.So101();
        using var plain = OnnxPolicy.Load(pkg);
        Assert.That(plain.Preflight(PreflightContext.SpecOnly(spec)).Results.Single(r => r.Check == "Units").Status, Is.EqualTo(PreflightStatus.Pass));

        using var declared = ActionAdapter.Wrap(OnnxPolicy.Load(pkg), spec, ActionRepresentation.AbsoluteJoints,
            new Dictionary<string, UnitDeclaration> { ["gripper.pos"] = UnitDeclaration.Parse("0-1") });
        var r = declared.Preflight(PreflightContext.SpecOnly(spec)).Results.Single(x => x.Check == "Units");
        Assert.That(r.Status, Is.EqualTo(PreflightStatus.Fail));
        Assert.That(r.Message, Does.Contain("gripper.pos: training data [").And.Contain("read as 0-1"));
    }
}

/// <summary>Depth (float) images into a float32 model input: fed in their own encoding, resized like RGB.</summary>
public class FloatImageInputTests
{
    [Test]
    public void Depth_images_are_fed_as_their_values_normalised_and_resized()
    {
        var depth = CameraImage.FromValues(1, 2, 1, [0.6f, 1.0f]);
        var identity = FeatureNormalizer.Create("observation.images.d", NormalizationMode.Identity, null);
        Assert.That(ImagePreprocessor.ToFloat(depth, new ImageSize(1, 2), ImageLayout.Nchw, ValueRange.Unit, identity), Is.EqualTo(new[] { 0.6f, 1.0f }).Within(1e-6));
        var zscore = FeatureNormalizer.Create("observation.images.d", NormalizationMode.MeanStd, new FeatureStats(Mean: [0.5], Std: [0.25]));
        Assert.That(ImagePreprocessor.ToFloat(depth, new ImageSize(1, 2), ImageLayout.Nchw, ValueRange.Unit, zscore), Is.EqualTo(new[] { 0.4f, 2.0f }).Within(1e-6));
        // Bilinear resize to 1x4 (half-pixel centres): 0.6, 0.7, 0.9, 1.0.
        Assert.That(ImagePreprocessor.ToFloat(depth, new ImageSize(1, 4), ImageLayout.Nchw, ValueRange.Unit, identity), Is.EqualTo(new[] { 0.6f, 0.7f, 0.9f, 1.0f }).Within(1e-6));
        Assert.That(() => ImagePreprocessor.ToBytes(depth, new ImageSize(1, 2), ImageLayout.Nchw), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("depth needs a float32 input"));
    }
}
