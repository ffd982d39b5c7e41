using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;

namespace Harness.Tests.Onnx;

/// <summary>
/// Small policy packages with known weights, built with our ONNX writer, plus a C# reference of
/// what the packaged policy must compute (normalise -> linear layers -> tanh -> de-normalise).
/// </summary>
internal sealed class LinearPolicyFixture
{
    public const int T = 4, A = 6, Img = 8;
    public const string Camera = "top";

    public float[] WState = [], WImage = [], Bias = [];
    public bool WithImage = true;
    public int NObsSteps = 1;
    /// <summary>Multiply the tanh output by this inside the graph (a model that de-normalises itself).</summary>
    public float? BakedActionScale;

    public FeatureStats StateStats = new(
        Min: [-100, -100, -90, -100, -150, 0], Max: [100, 100, 90, 100, 150, 100],
        Mean: [0, -80, 10, 0, 0, 50], Std: [40, 15, 30, 35, 60, 25]);
    public FeatureStats ImageStats = new(Min: [0, 0, 0], Max: [1, 1, 1], Mean: [0.4, 0.5, 0.6], Std: [0.2, 0.25, 0.3]);
    public FeatureStats ActionStats = new(
        Min: [-90, -100, -80, -95, -140, 5], Max: [90, -60, 80, 95, 140, 95],
        Mean: [0, -80, 0, 0, 0, 50], Std: [30, 8, 25, 30, 50, 20]);

    public Dictionary<string, NormalizationMode> Normalization = new()
    {
        [FeatureNames.State] = NormalizationMode.MeanStd,
        [FeatureNames.Image(Camera)] = NormalizationMode.MeanStd,
        [FeatureNames.Action] = NormalizationMode.MeanStd,
    };
    public ValueRange ImageRange = ValueRange.Unit;
    public ImageSize? Resize = new(Img, Img);
    public int NActionSteps = 2;
    public double? EnsembleCoeff;

    public LinearPolicyFixture(int seed = 1)
    {
        var rng = new Random(seed);
        WState = OnnxSessionTests.Rand(rng, NObsStepsMax * A * T * A, 0.05f);
        WImage = OnnxSessionTests.Rand(rng, 3 * Img * Img * T * A, 0.01f);
        Bias = Enumerable.Range(0, T * A).Select(i => 0.5f + 0.02f * (i % 5)).ToArray();
    }

    private const int NObsStepsMax = 2;
    private int StateWidth => NObsSteps * A;

    public byte[] Model()
    {
        var g = new OnnxGraphBuilder("linear_policy");
        var state = NObsSteps > 1 ? g.Input("state", TensorElementType.Float32, 1, NObsSteps, A) : g.Input("state", TensorElementType.Float32, 1, A);
        var flatState = NObsSteps > 1 ? g.Reshape(state, [1, StateWidth]) : state;
        var sum = g.Gemm(flatState, g.Constant("w_state", WState[..(StateWidth * T * A)], StateWidth, T * A), g.Constant("bias", Bias, T * A));
        if (WithImage)
        {
            var image = g.Input("image", TensorElementType.Float32, 1, 3, Img, Img);
            var flat = g.Reshape(image, [1, 3 * Img * Img]);
            sum = g.Add(sum, g.MatMul(flat, g.Constant("w_image", WImage, 3 * Img * Img, T * A)));
        }
        var act = g.Tanh(sum);
        if (BakedActionScale is { } k) act = g.Mul(act, g.Constant("baked_scale", [k], 1));
        g.Reshape(act, [1, T, A], output: "actions");
        g.Output("actions", TensorElementType.Float32, 1, T, A);
        return OnnxModelWriter.Serialize(g.BuildModel(new Dictionary<string, string> { ["harness.fixture"] = "linear" }));
    }

    public PolicyManifest Manifest()
    {
        var inputs = new List<PolicyInput> { new("state", FeatureNames.State, InputKind.State) };
        if (WithImage)
            inputs.Add(new PolicyInput("image", FeatureNames.Image(Camera), InputKind.Image, TensorElementType.Float32, ImageLayout.Nchw, ImageRange, Resize));
        return new PolicyManifest(inputs, new PolicyOutput("actions", OutputForm.Chunk), Normalization, NActionSteps, EnsembleCoeff, NObsSteps,
            new CheckpointInfo("fixture", 1234, "tests"));
    }

    public PolicyStats Stats() => new(new Dictionary<string, FeatureStats>
    {
        [FeatureNames.State] = StateStats,
        [FeatureNames.Image(Camera)] = ImageStats,
        [FeatureNames.Action] = ActionStats,
    });

    public string Write(string dir) => PolicyPackageWriter.Write(dir, Model(), Manifest(), Stats());

    /// <summary>The chunk the package must produce, computed in C# (history = states oldest first).</summary>
    public double[][] Expected(IReadOnlyList<double[]> states, CameraImage? image)
    {
        var sn = states.SelectMany(s => s.Select((v, i) => Norm(StateStats, FeatureNames.State, v, i))).ToArray();
        var z = new double[T * A];
        for (int k = 0; k < T * A; k++)
        {
            double s = Bias[k];
            for (int i = 0; i < sn.Length; i++) s += sn[i] * WState[i * T * A + k];
            z[k] = s;
        }
        if (WithImage)
        {
            var px = ReferenceImage(image!);
            for (int k = 0; k < T * A; k++)
                for (int i = 0; i < px.Length; i++) z[k] += px[i] * WImage[i * T * A + k];
        }
        var rows = new double[T][];
        for (int t = 0; t < T; t++)
        {
            rows[t] = new double[A];
            for (int j = 0; j < A; j++)
            {
                double y = Math.Tanh(z[t * A + j]) * (BakedActionScale ?? 1);
                rows[t][j] = Normalization.GetValueOrDefault(FeatureNames.Action) == NormalizationMode.MeanStd
                    ? y * (ActionStats.Std![j] + FeatureNormalizer.Epsilon) + ActionStats.Mean![j] : y;
            }
        }
        return rows;
    }

    private double Norm(FeatureStats s, string feature, double v, int i) =>
        Normalization.GetValueOrDefault(feature) == NormalizationMode.MeanStd ? (v - s.Mean![i]) / (s.Std![i] + FeatureNormalizer.Epsilon) : v;

    /// <summary>NCHW pixels after a 2x2 box downsample (what half-pixel bilinear does at exactly half size), range and normalisation.</summary>
    private double[] ReferenceImage(CameraImage img)
    {
        int f = img.Height / Img;
        var px = new double[3 * Img * Img];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Img; y++)
                for (int x = 0; x < Img; x++)
                {
                    double v = f == 1 ? img.At(y, x, c)
                        : (img.At(2 * y, 2 * x, c) + img.At(2 * y + 1, 2 * x, c) + img.At(2 * y, 2 * x + 1, c) + img.At(2 * y + 1, 2 * x + 1, c)) / 4.0;
                    v *= ImageRange.Max / 255.0;
                    px[(c * Img + y) * Img + x] = Norm(ImageStats, FeatureNames.Image(Camera), v, c);
                }
        return px;
    }
}

internal static class Robots
{
    /// <summary>An SO-101-like arm: 5 body joints in degrees, a 0-100 gripper, cameras as given.</summary>
    public static RobotSpec So101(params (string Name, int H, int W)[] cameras) => WithJoints(6, cameras);

    public static RobotSpec WithJoints(int joints, params (string Name, int H, int W)[] cameras)
    {
        string[] keys = ["shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos", "wrist_roll.pos", "gripper.pos", "extra.pos"];
        var js = Enumerable.Range(0, joints).Select(i => keys[i] == "gripper.pos" ? new JointSpec(keys[i], "0-100", 0, 100, JointKind.Gripper, new GripperSense(100, 0)) : new JointSpec(keys[i], "deg", -110, 110)).ToList();
        var cams = cameras.Select(c => new CameraSpec(c.Name, c.H, c.W, 60)).ToList();
        var features = new List<FeatureSpec>
        {
            new(FeatureNames.State, FeatureDType.Float32, [joints], js.Select(j => j.Key).ToList()),
            new(FeatureNames.Action, FeatureDType.Float32, [joints], js.Select(j => j.Key).ToList()),
        };
        features.AddRange(cams.Select(c => new FeatureSpec(c.FeatureName, FeatureDType.Image, [c.Height, c.Width, 3])));
        return new RobotSpec("so101_test", js, cams, 30, 100, features);
    }

    public static CameraImage RandomImage(Random rng, int h, int w)
    {
        var px = new byte[h * w * 3];
        rng.NextBytes(px);
        return new CameraImage(h, w, 3, px);
    }

    public static Observation Observe(double[] state, params (string Camera, CameraImage Image)[] images) =>
        new(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = state },
            images.ToDictionary(i => FeatureNames.Image(i.Camera), i => i.Image));
}
