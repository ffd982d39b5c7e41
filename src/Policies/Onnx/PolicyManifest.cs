using Harness.Core.Actions;
using Harness.Core.Robots;
using Harness.Policies.Native;

namespace Harness.Policies.Onnx;

public enum InputKind { State, Image }

/// <summary>Image tensor layout: channels first (NCHW, PyTorch) or last (NHWC).</summary>
public enum ImageLayout { Nchw, Nhwc }

/// <summary>
/// LeRobot's normalisation modes: <c>mean_std</c> (z-score), <c>min_max</c> and <c>quantile</c>
/// (q01..q99) both mapped to [-1, 1]; <c>identity</c> leaves values as they are.
/// </summary>
public enum NormalizationMode { Identity, MeanStd, MinMax, Quantile }

/// <summary>Action output form: a chunk <c>[1,T,A]</c> or a single action <c>[1,A]</c>.</summary>
public enum OutputForm { Chunk, Single }

/// <summary>The value range of image pixels the model expects before normalisation.</summary>
public sealed record ValueRange(double Min, double Max)
{
    public static ValueRange Unit { get; } = new(0, 1);
    public static ValueRange Byte { get; } = new(0, 255);
    public override string ToString() => $"[{Min:G},{Max:G}]";
}

public sealed record ImageSize(int Height, int Width)
{
    public override string ToString() => $"{Height}x{Width}";
}

/// <summary>
/// One model input: the ONNX tensor it feeds, the observation feature it reads (policy-side
/// name, e.g. <c>observation.images.top</c>), and for images the layout, value range, resize and
/// the vertical field of view of the camera it was trained with (<c>fovy_deg</c>, when recorded).
/// </summary>
public sealed record PolicyInput(
    string Tensor,
    string Feature,
    InputKind Kind,
    TensorElementType DType = TensorElementType.Float32,
    ImageLayout Layout = ImageLayout.Nchw,
    ValueRange? Range = null,
    ImageSize? Resize = null,
    double? FovYDeg = null);

/// <summary>The model's action output and the feature whose statistics de-normalise it.</summary>
public sealed record PolicyOutput(string Tensor, OutputForm Form, string Feature = "action");

/// <summary>
/// Where the weights came from: a name, the training step, a source note, and the training run the
/// checkpoint belongs to (reports draw one learning curve per run).
/// </summary>
public sealed record CheckpointInfo(string? Name = null, long? TrainingStep = null, string? Source = null, string? Run = null);

/// <summary>
/// The contents of <c>policy.json</c> in a policy package. Normalisation is keyed by policy-side
/// feature name; <see cref="NObsSteps"/> &gt; 1 stacks that many recent observations (per-episode
/// state, cleared by Reset). <see cref="Fps"/> is the control rate the policy was trained at;
/// <see cref="ActionStateSpread"/> per joint how far the first action of a training chunk sits from
/// the state it was predicted from (the largest |action - state| in the training data, written by `harness distill`).
/// <see cref="ActionSpace"/> (<c>action_space</c>: joints, delta, step-delta, ee:rpy, ...) and <see cref="Units"/>
/// (<c>units</c>: element -> UNIT[,open=V][,scale=S]) say how the action adapter reads the policy's numbers.
/// </summary>
public sealed record PolicyManifest(
    IReadOnlyList<PolicyInput> Inputs,
    PolicyOutput Output,
    IReadOnlyDictionary<string, NormalizationMode> Normalization,
    int NActionSteps,
    double? TemporalEnsembleCoeff = null,
    int NObsSteps = 1,
    CheckpointInfo? Checkpoint = null,
    double? Fps = null,
    double[]? ActionStateSpread = null,
    ActionRepresentation? ActionSpace = null,
    IReadOnlyDictionary<string, UnitDeclaration>? Units = null)
{
    public const string Format = "harness.onnx-policy/1";

    public NormalizationMode ModeFor(string feature) =>
        Normalization.TryGetValue(feature, out var m) ? m : NormalizationMode.Identity;
}
