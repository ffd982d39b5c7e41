using Harness.Core.Robots;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// Resize-with-pad as openpi clients do it: scale by the larger of the two ratios so the whole
/// image fits (sizes truncated to integers), resample bilinearly, centre on a black canvas.
/// Downscaling widens the bilinear kernel by the scale factor (as PIL does) so small outputs
/// average their source pixels instead of aliasing.
/// </summary>
public static class ImageResize
{
    public static CameraImage ResizeWithPad(CameraImage image, int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"target size must be positive; got {height}x{width}.");
        if (image.Height == height && image.Width == width) return image;
        double ratio = Math.Max((double)image.Width / width, (double)image.Height / height);
        int rh = Math.Max(1, (int)(image.Height / ratio));
        int rw = Math.Max(1, (int)(image.Width / ratio));
        var resized = Resample(image, rh, rw);
        int top = (height - rh) / 2, left = (width - rw) / 2;
        int c = image.Channels;
        var canvas = new byte[height * width * c];
        for (int y = 0; y < rh; y++)
            resized.AsSpan(y * rw * c, rw * c).CopyTo(canvas.AsSpan(((top + y) * width + left) * c));
        return new CameraImage(height, width, c, canvas);
    }

    /// <summary>Separable bilinear (triangle) resampling of an HWC image to rows x cols.</summary>
    public static byte[] Resample(CameraImage image, int rows, int cols)
    {
        int c = image.Channels, h = image.Height, w = image.Width;
        var (xStart, xWeights) = Weights(w, cols);
        var (yStart, yWeights) = Weights(h, rows);
        var src = image.Pixels;

        // Horizontal pass into doubles, then vertical pass to bytes: one rounding only.
        var temp = new double[h * cols * c];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < cols; x++)
            {
                var wts = xWeights[x];
                for (int ch = 0; ch < c; ch++)
                {
                    double sum = 0;
                    for (int k = 0; k < wts.Length; k++) sum += wts[k] * src[(y * w + xStart[x] + k) * c + ch];
                    temp[(y * cols + x) * c + ch] = sum;
                }
            }
        var result = new byte[rows * cols * c];
        for (int y = 0; y < rows; y++)
        {
            var wts = yWeights[y];
            for (int x = 0; x < cols; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    double sum = 0;
                    for (int k = 0; k < wts.Length; k++) sum += wts[k] * temp[((yStart[y] + k) * cols + x) * c + ch];
                    result[(y * cols + x) * c + ch] = (byte)Math.Clamp(Math.Floor(sum + 0.5), 0, 255);
                }
        }
        return result;
    }

    /// <summary>For each output index: first source index and normalised triangle weights.</summary>
    private static (int[] Start, double[][] Weights) Weights(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale;
        var start = new int[outSize];
        var weights = new double[outSize][];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int lo = Math.Max(0, (int)Math.Floor(center - support + 0.5));
            int hi = Math.Min(inSize, (int)Math.Floor(center + support + 0.5));
            var wts = new double[Math.Max(0, hi - lo)];
            double total = 0;
            for (int k = 0; k < wts.Length; k++)
            {
                double t = Math.Abs((lo + k - center + 0.5) / filterScale);
                wts[k] = Math.Max(0, 1 - t);
                total += wts[k];
            }
            if (total > 0) for (int k = 0; k < wts.Length; k++) wts[k] /= total;
            start[i] = lo;
            weights[i] = wts;
        }
        return (start, weights);
    }
}
