using Harness.Core.Robots;
using Harness.Policies.Native;

namespace Harness.Policies.Onnx;

/// <summary>
/// One model input wired up: its declaration, the environment feature it reads (after
/// <c>--map</c>), its normaliser and what ORT says about the tensor.
/// </summary>
internal sealed record PolicyInputBinding(PolicyInput Spec, string EnvFeature, FeatureNormalizer Normalizer, OnnxTensorInfo Tensor, int NObsSteps)
{
    /// <summary>Image size fed to the model: declared resize, else the model's fixed size, else the camera's.</summary>
    public ImageSize ImageSizeFor(int cameraHeight, int cameraWidth)
    {
        if (Spec.Resize is { } r) return r;
        var s = Tensor.Shape;
        if (s.Count >= 3)
        {
            long h = Spec.Layout == ImageLayout.Nchw ? s[^2] : s[^3];
            long w = Spec.Layout == ImageLayout.Nchw ? s[^1] : s[^2];
            if (h > 0 && w > 0) return new ImageSize((int)h, (int)w);
        }
        return new ImageSize(cameraHeight, cameraWidth);
    }

    /// <summary>The model's fixed state width, or null when dynamic.</summary>
    public int? ModelStateDim => Tensor.Shape.Count > 0 && Tensor.Shape[^1] > 0 ? (int)Tensor.Shape[^1] : null;

    /// <summary>The model's fixed channel count for an image input, or null when dynamic.</summary>
    public int? ModelChannels
    {
        get
        {
            var s = Tensor.Shape;
            if (s.Count < 3) return null;
            long c = Spec.Layout == ImageLayout.Nchw ? s[^3] : s[^1];
            return c > 0 ? (int)c : null;
        }
    }

    /// <summary>Tensor shape for one stacked input: batch 1, then the history axis when NObsSteps > 1.</summary>
    public long[] TensorShape(int stateDim, ImageSize size, int channels)
    {
        var frame = Spec.Kind == InputKind.State
            ? new long[] { stateDim }
            : Spec.Layout == ImageLayout.Nchw ? new long[] { channels, size.Height, size.Width } : [size.Height, size.Width, channels];
        return NObsSteps > 1 ? [1, NObsSteps, .. frame] : [1, .. frame];
    }

    public bool IsImage => Spec.Kind == InputKind.Image || FeatureNames.IsImage(Spec.Feature);
}
