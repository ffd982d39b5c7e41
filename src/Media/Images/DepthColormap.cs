using Harness.Core.Robots;

namespace Harness.Media.Images;

/// <summary>
/// Turns a float image (depth) into RGB for viewing: values from the nearest to the farthest
/// pixel of the image run through a viridis-like ramp (near = yellow, far = dark blue). Channel 0
/// is shown. The PNG is for eyes only; the feature keeps the metric values.
/// </summary>
public static class DepthColormap
{
    // Viridis at 0, 0.25, 0.5, 0.75, 1 (far to near reversed below).
    private static readonly (double R, double G, double B)[] Stops =
        [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    public static CameraImage ToRgb(CameraImage depth, out double nearest, out double farthest)
    {
        var values = depth.Values ?? throw new ArgumentException("the image is not a float image; only depth images are colour-mapped.");
        int n = depth.Height * depth.Width, c = depth.Channels;
        nearest = double.MaxValue;
        farthest = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            double v = values[i * c];
            if (!double.IsFinite(v)) continue;
            nearest = Math.Min(nearest, v);
            farthest = Math.Max(farthest, v);
        }
        var rgb = new byte[n * 3];
        double span = farthest > nearest ? farthest - nearest : 1;
        for (int i = 0; i < n; i++)
        {
            double v = values[i * c];
            double u = double.IsFinite(v) ? 1 - (v - nearest) / span : 0;
            var (r, g, b) = Ramp(u);
            rgb[3 * i] = r; rgb[3 * i + 1] = g; rgb[3 * i + 2] = b;
        }
        return new CameraImage(depth.Height, depth.Width, 3, rgb);
    }

    private static (byte, byte, byte) Ramp(double u)
    {
        u = Math.Clamp(u, 0, 1) * (Stops.Length - 1);
        int k = Math.Min((int)u, Stops.Length - 2);
        double f = u - k;
        var (a, b) = (Stops[k], Stops[k + 1]);
        return ((byte)Math.Round(a.R + f * (b.R - a.R)), (byte)Math.Round(a.G + f * (b.G - a.G)), (byte)Math.Round(a.B + f * (b.B - a.B)));
    }
}
