using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using NUnit.Framework;

namespace Harness.Tests.Onnx;

/// <summary>Raw uint8 NHWC images and single-action outputs, end to end through ORT.</summary>
public class ImageInputTests
{
    [Test]
    public void Uint8_nhwc_image_is_fed_raw_in_row_channel_order_and_single_action_output_is_one_row()
    {
        // The model casts the image to float, flattens it and returns its first 6 values as the action.
        var g = new OnnxGraphBuilder();
        var img = g.Input("rgb", TensorElementType.UInt8, 1, 2, 2, 3);
        var f = g.Node("Cast", [img], null, OnnxAttribute.Of("to", 1L));
        g.Slice(g.Reshape(f, [1, 12]), [0], [6], [1], output: "action");
        g.Output("action", TensorElementType.Float32, 1, 6);
        var manifest = new PolicyManifest(
            [new PolicyInput("rgb", "observation.images.wrist", InputKind.Image, TensorElementType.UInt8, ImageLayout.Nhwc, ValueRange.Byte)],
            new PolicyOutput("action", OutputForm.Single), new Dictionary<string, NormalizationMode>(), NActionSteps: 1);
        string dir = Directory.CreateTempSubdirectory("harness-onnx-img-").FullName;
        try
        {
            PolicyPackageWriter.Write(dir, OnnxModelWriter.Serialize(g.BuildModel()), manifest, PolicyStats.Empty);
            using var policy = OnnxPolicy.Load(dir);
            Assert.That(policy.Hint.ActionsPerQuery, Is.EqualTo(1));
            // 2x2 RGB image: pixel (r, c) has channels (10r+c, 100+10r+c, 200+10r+c).
            var px = new byte[12];
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 2; c++)
                    for (int ch = 0; ch < 3; ch++) px[(r * 2 + c) * 3 + ch] = (byte)(100 * ch + 10 * r + c);
            var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = new double[6] },
                new Dictionary<string, CameraImage> { ["observation.images.wrist"] = new(2, 2, 3, px) });
            var chunk = policy.Infer(obs, "");
            Assert.That(chunk.Length, Is.EqualTo(1));
            Assert.That(chunk[0], Is.EqualTo(new double[] { 0, 100, 200, 1, 101, 201 }));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Bilinear_resize_matches_half_pixel_sampling()
    {
        // 1x4 -> 1x2: half-pixel centres sample x = 0.5 and 2.5, i.e. means of neighbours.
        var img = new CameraImage(1, 4, 1, [0, 100, 200, 250]);
        var identity = FeatureNormalizer.Create("x", NormalizationMode.Identity, null);
        var down = ImagePreprocessor.ToFloat(img, new ImageSize(1, 2), ImageLayout.Nchw, ValueRange.Byte, identity);
        Assert.That(down, Is.EqualTo(new float[] { 50, 225 }));
        // 1x2 -> 1x4: x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        var up = ImagePreprocessor.ToFloat(new CameraImage(1, 2, 1, [0, 200]), new ImageSize(1, 4), ImageLayout.Nchw, ValueRange.Byte, identity);
        Assert.That(up, Is.EqualTo(new float[] { 0, 50, 150, 200 }));
    }
}
