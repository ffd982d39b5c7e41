using Harness.Core.Robots;

namespace Harness.Policies.Onnx;

/// <summary>
/// Turns an RGB camera image (HxWxC bytes) into one model frame: bilinear resize (half-pixel
/// centres, like PyTorch's align_corners=False), the declared value range, per-channel
/// normalisation and the declared layout.
/// </summary>
public static class ImagePreprocessor
{
    public static float[] ToFloat(CameraImage image, ImageSize size, ImageLayout layout, ValueRange range, FeatureNormalizer normalizer)
    {
        int c = image.Channels, h = size.Height, w = size.Width;
        if (!normalizer.IsIdentity && normalizer.Dim != c)
            throw new InvalidDataException($"stats for '{normalizer.Feature}' have {normalizer.Dim} channels; the camera delivers {c}.");
        double toRange = range.Max / 255.0;
        var frame = new float[c * h * w];
        Sample(image, h, w, (y, x, ch, v) =>
        {
            double value = normalizer.Normalize(v * toRange, ch);
            int index = layout == ImageLayout.Nchw ? (ch * h + y) * w + x : (y * w + x) * c + ch;
            frame[index] = (float)value;
        });
        return frame;
    }

    public static byte[] ToBytes(CameraImage image, ImageSize size, ImageLayout layout)
    {
        int c = image.Channels, h = size.Height, w = size.Width;
        var frame = new byte[c * h * w];
        Sample(image, h, w, (y, x, ch, v) =>
        {
            int index = layout == ImageLayout.Nchw ? (ch * h + y) * w + x : (y * w + x) * c + ch;
            frame[index] = (byte)Math.Clamp(Math.Round(v), 0, 255);
        });
        return frame;
    }

    private static void Sample(CameraImage img, int h, int w, Action<int, int, int, double> put)
    {
        int c = img.Channels;
        if (img.Pixels.Length != img.Height * img.Width * c)
            throw new InvalidDataException($"camera image claims {img.Height}x{img.Width}x{c} but holds {img.Pixels.Length} bytes.");
        if (h == img.Height && w == img.Width)
        {
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int ch = 0; ch < c; ch++)
                        put(y, x, ch, img.Pixels[(y * w + x) * c + ch]);
            return;
        }
        double sy = (double)img.Height / h, sx = (double)img.Width / w;
        for (int y = 0; y < h; y++)
        {
            double fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, img.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, img.Height - 1);
            double ay = fy - y0;
            for (int x = 0; x < w; x++)
            {
                double fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, img.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, img.Width - 1);
                double ax = fx - x0;
                for (int ch = 0; ch < c; ch++)
                {
                    double top = img.At(y0, x0, ch) * (1 - ax) + img.At(y0, x1, ch) * ax;
                    double bottom = img.At(y1, x0, ch) * (1 - ax) + img.At(y1, x1, ch) * ax;
                    put(y, x, ch, top * (1 - ay) + bottom * ay);
                }
            }
        }
    }
}
