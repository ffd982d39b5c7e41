using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>Per-channel statistics of a camera frame, on the 0-255 scale.</summary>
internal static class ImageStatistics
{
    public static double[] ChannelMeans(CameraImage img)
    {
        var sums = new double[img.Channels];
        for (int i = 0; i < img.Pixels.Length; i++) sums[i % img.Channels] += img.Pixels[i];
        int pixels = Math.Max(1, img.Height * img.Width);
        return sums.Select(s => s / pixels).ToArray();
    }
}
