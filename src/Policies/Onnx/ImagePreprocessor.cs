using Harness.Core.Robots;

namespace Harness.Policies.Onnx;

/// <summary>
/// Turns a camera image into one model frame: bilinear resize (half-pixel centres, like PyTorch's
/// align_corners=False), the declared value range, per-channel normalisation and the declared
/// layout. RGB bytes are scaled to the value range; float images (depth) are fed in their own
/// encoding (metres or 0-1, as the camera declares it; pre-flight checks it fits the input).
/// </summary>
public static class ImagePreprocessor
{
    public static float[] ToFloat(CameraImage image, ImageSize size, ImageLayout layout, ValueRange range, FeatureNormalizer normalizer)
    {
        var frame = new float[image.Channels * size.Height * size.Width];
        ToFloat(image, size, layout, range, normalizer, frame);
        return frame;
    }

    /// <summary>Writes one frame into <paramref name="dest"/> (C*H*W values), e.g. a slot of a pre-allocated model input.</summary>
    public static void ToFloat(CameraImage image, ImageSize size, ImageLayout layout, ValueRange range, FeatureNormalizer normalizer, Span<float> dest)
    {
        int c = image.Channels;
        if (!normalizer.IsIdentity && normalizer.Dim != c)
            throw new InvalidDataException($"stats for '{normalizer.Feature}' have {normalizer.Dim} channels; the camera delivers {c}.");
        CheckFrame(image, size, dest.Length);
        // Per channel: value in the declared range, then normalised, as one affine map a*v + b.
        Span<double> a = stackalloc double[c], b = stackalloc double[c];
        double toRange = image.IsFloat ? 1.0 : range.Max / 255.0;
        for (int ch = 0; ch < c; ch++)
        {
            double zero = normalizer.Normalize(0, ch), one = normalizer.Normalize(toRange, ch);
            a[ch] = one - zero;
            b[ch] = zero;
        }
        if (size.Height == image.Height && size.Width == image.Width && !image.IsFloat)
        {
            // The common case (camera at the model's size) without per-value indexing: a straight pass per channel.
            var src = image.Pixels;
            int pixels = size.Height * size.Width;
            for (int ch = 0; ch < c; ch++)
            {
                double ac = a[ch], bc = b[ch];
                if (layout == ImageLayout.Nchw)
                {
                    var plane = dest.Slice(ch * pixels, pixels);
                    for (int i = 0; i < pixels; i++) plane[i] = (float)(ac * src[i * c + ch] + bc);
                }
                else
                    for (int i = ch; i < src.Length; i += c) dest[i] = (float)(ac * src[i] + bc);
            }
            return;
        }
        var map = new Sampler(image, size, layout);
        for (int y = 0; y < size.Height; y++)
            for (int x = 0; x < size.Width; x++)
                for (int ch = 0; ch < c; ch++)
                    dest[map.Index(y, x, ch)] = (float)(a[ch] * map.Value(y, x, ch) + b[ch]);
    }

    public static byte[] ToBytes(CameraImage image, ImageSize size, ImageLayout layout)
    {
        var frame = new byte[image.Channels * size.Height * size.Width];
        ToBytes(image, size, layout, frame);
        return frame;
    }

    public static void ToBytes(CameraImage image, ImageSize size, ImageLayout layout, Span<byte> dest)
    {
        if (image.IsFloat)
            throw new InvalidDataException($"a uint8 image input cannot take a float image ({image.Height}x{image.Width}x{image.Channels}, e.g. depth); depth needs a float32 input.");
        CheckFrame(image, size, dest.Length);
        var map = new Sampler(image, size, layout);
        for (int y = 0; y < size.Height; y++)
            for (int x = 0; x < size.Width; x++)
                for (int ch = 0; ch < image.Channels; ch++)
                    dest[map.Index(y, x, ch)] = (byte)Math.Clamp(Math.Round(map.Value(y, x, ch)), 0, 255);
    }

    private static void CheckFrame(CameraImage img, ImageSize size, int destLength)
    {
        int held = img.Values?.Length ?? img.Pixels.Length;
        if (held != img.Height * img.Width * img.Channels)
            throw new InvalidDataException($"camera image claims {img.Height}x{img.Width}x{img.Channels} but holds {held} values.");
        if (destLength != img.Channels * size.Height * size.Width)
            throw new ArgumentException($"a {size.Height}x{size.Width}x{img.Channels} frame needs {img.Channels * size.Height * size.Width} values; the destination holds {destLength}.");
    }

    /// <summary>Source pixel value at a target position (bilinear when resizing) and the target index in the layout.</summary>
    private readonly struct Sampler(CameraImage img, ImageSize size, ImageLayout layout)
    {
        private readonly bool _same = size.Height == img.Height && size.Width == img.Width;
        private readonly double _sy = (double)img.Height / size.Height, _sx = (double)img.Width / size.Width;

        public int Index(int y, int x, int ch) => layout == ImageLayout.Nchw
            ? (ch * size.Height + y) * size.Width + x
            : (y * size.Width + x) * img.Channels + ch;

        public double Value(int y, int x, int ch)
        {
            if (_same) return At(y, x, ch);
            double fy = Math.Clamp((y + 0.5) * _sy - 0.5, 0, img.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, img.Height - 1);
            double ay = fy - y0;
            double fx = Math.Clamp((x + 0.5) * _sx - 0.5, 0, img.Width - 1);
            int x0 = (int)fx, x1 = Math.Min(x0 + 1, img.Width - 1);
            double ax = fx - x0;
            double top = At(y0, x0, ch) * (1 - ax) + At(y0, x1, ch) * ax;
            double bottom = At(y1, x0, ch) * (1 - ax) + At(y1, x1, ch) * ax;
            return top * (1 - ay) + bottom * ay;
        }

        private double At(int y, int x, int ch) => img.Values is { } v ? v[(y * img.Width + x) * img.Channels + ch] : img.Pixels[(y * img.Width + x) * img.Channels + ch];
    }
}
