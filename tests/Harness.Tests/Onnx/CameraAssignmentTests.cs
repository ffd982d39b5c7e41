using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>Swapped cameras: each camera's image statistics against the frames of the camera it is mapped to.</summary>
public class CameraAssignmentTests
{
    private const int Img = 8;

    /// <summary>A package reading two cameras whose statistics differ: 'front' is reddish, 'wrist' bluish.</summary>
    private static string TwoCameraPackage(string dir)
    {
        var g = new OnnxGraphBuilder("two_cameras");
        var state = g.Input("state", TensorElementType.Float32, 1, 6);
        var front = g.Input("front", TensorElementType.Float32, 1, 3, Img, Img);
        var wrist = g.Input("wrist", TensorElementType.Float32, 1, 3, Img, Img);
        // Actions follow the state; the images enter with weight 0 (this test is about statistics, not the network).
        var images = g.Add(g.Node("ReduceMean", [front], attributes: OnnxAttribute.Of("keepdims", 0L)), g.Node("ReduceMean", [wrist], attributes: OnnxAttribute.Of("keepdims", 0L)));
        var chunk = g.Reshape(g.Add(state, g.Mul(images, g.Constant("zero", [0f]))), [1, 1, 6]);
        g.Node("Identity", [chunk], output: "actions");
        g.Output("actions", TensorElementType.Float32, 1, 1, 6);
        var manifest = new PolicyManifest(
            [new PolicyInput("state", FeatureNames.State, InputKind.State),
             new PolicyInput("front", FeatureNames.Image("front"), InputKind.Image),
             new PolicyInput("wrist", FeatureNames.Image("wrist"), InputKind.Image)],
            new PolicyOutput("actions", OutputForm.Chunk),
            new Dictionary<string, NormalizationMode>
            {
                [FeatureNames.Image("front")] = NormalizationMode.MeanStd,
                [FeatureNames.Image("wrist")] = NormalizationMode.MeanStd,
            },
            NActionSteps: 1);
        var stats = new PolicyStats(new Dictionary<string, FeatureStats>
        {
            [FeatureNames.Image("front")] = new(Min: [0, 0, 0], Max: [1, 1, 1], Mean: [0.7, 0.2, 0.2], Std: [0.15, 0.15, 0.15]),
            [FeatureNames.Image("wrist")] = new(Min: [0, 0, 0], Max: [1, 1, 1], Mean: [0.2, 0.2, 0.7], Std: [0.15, 0.15, 0.15]),
        });
        return PolicyPackageWriter.Write(dir, OnnxModelWriter.Serialize(g.BuildModel()), manifest, stats);
    }

    private static CameraImage Uniform(byte r, byte g, byte b) =>
        new(Img, Img, 3, Enumerable.Range(0, Img * Img).SelectMany(_ => new[] { r, g, b }).ToArray());

    private static PreflightContext Scene(CameraImage front, CameraImage wrist)
    {
        var spec = Robots.So101(("front", Img, Img), ("wrist", Img, Img));
        var obs = Robots.Observe([0, -10, 30, 60, 0, 40], ("front", front), ("wrist", wrist));
        return new PreflightContext(spec, "", [obs, obs], []);
    }

    [Test]
    public void Cameras_whose_frames_fit_each_others_statistics_are_refused_with_the_map_that_fixes_them()
    {
        using var dir = new TempDir();
        using var policy = OnnxPolicy.Load(TwoCameraPackage(dir["pkg"]));
        CameraImage red = Uniform(180, 50, 50), blue = Uniform(50, 50, 180);

        var right = policy.Preflight(Scene(front: red, wrist: blue));
        Assert.That(right.Results.Single(r => r.Check == "CameraAssignment").Status, Is.EqualTo(PreflightStatus.Pass));

        var swapped = policy.Preflight(Scene(front: blue, wrist: red));
        var f = swapped.Failures.Single(r => r.Check == "CameraAssignment");
        Assert.That(f.Message, Does.Contain("--map observation.images.front=observation.images.wrist --map observation.images.wrist=observation.images.front"));
    }
}
