using Harness.Core.Robots;
using Harness.Datasets.Format;

namespace Harness.Datasets.Statistics;

/// <summary>
/// One episode's statistics of one feature, the way LeRobot's compute_episode_stats makes them:
/// vectors per dimension over all frames; images per channel over a sample of frames (all of a short
/// episode, about n^0.75 of a long one), large images taken every k-th pixel, divided by 255.
/// </summary>
public static class FeatureStatistics
{
    public static FeatureStats OfVectors(ReadOnlySpan<double> values, int rows, int width, IReadOnlyList<int> shape)
    {
        if (rows < 2) return Basic(values, rows, width, shape, rows);
        var s = new RunningQuantileStats(width);
        s.Update(values, rows);
        return s.Statistics(shape);
    }

    public static FeatureStats OfVectors(FrameColumn column, IReadOnlyList<int> shape)
    {
        var values = new double[column.Rows * column.Width];
        for (int r = 0; r < column.Rows; r++)
            for (int i = 0; i < column.Width; i++)
                values[r * column.Width + i] = column.Get(r, i);
        return OfVectors(values, column.Rows, column.Width, shape);
    }

    /// <summary>Which frames of an episode of <paramref name="length"/> frames image statistics use.</summary>
    public static int[] SampleIndices(int length)
    {
        if (length <= 0) return [];
        int minSamples = Math.Min(100, length);
        int n = Math.Max(minSamples, Math.Min((int)Math.Pow(length, 0.75), 10_000));
        var points = RunningQuantileStats.Linspace(0, length - 1, n);
        // numpy rounds half to even, as Math.Round does by default.
        return n == 1 ? [0] : points.Select(p => (int)Math.Round(p)).ToArray();
    }

    /// <summary>Per-channel statistics of sampled frames (already picked with <see cref="SampleIndices"/>).</summary>
    public static FeatureStats OfImages(IReadOnlyList<CameraImage> sampled)
    {
        if (sampled.Count == 0) throw new ArgumentException("image statistics need at least one frame.");
        int c = sampled[0].Channels;
        int step = DownsampleStep(sampled[0].Height, sampled[0].Width);
        var counts = Enumerable.Range(0, c).Select(_ => new long[256]).ToArray();
        foreach (var img in sampled)
            for (int y = 0; y < img.Height; y += step)
                for (int x = 0; x < img.Width; x += step)
                {
                    int o = (y * img.Width + x) * c;
                    for (int ch = 0; ch < c; ch++) counts[ch][img.Pixels[o + ch]]++;
                }
        long pixels = counts[0].Sum();
        FeatureStats raw;
        if (pixels < 2)
        {
            var one = Enumerable.Range(0, c).Select(ch => (double)Array.FindIndex(counts[ch], n => n > 0)).ToArray();
            raw = Basic(one, (int)pixels, c, [c, 1, 1], sampled.Count);
        }
        else raw = RunningQuantileStats.FromCounts(counts, [c, 1, 1]);
        return Scale(raw with { Count = sampled.Count }, 1 / 255.0);
    }

    // LeRobot's auto_downsample_height_width: images of 300 px or more keep every k-th pixel.
    internal static int DownsampleStep(int height, int width)
    {
        if (Math.Max(width, height) < 300) return 1;
        return width > height ? width / 150 : height / 150;
    }

    private static FeatureStats Scale(FeatureStats s, double k) => s with
    {
        Min = s.Min.Select(v => v * k).ToArray(),
        Max = s.Max.Select(v => v * k).ToArray(),
        Mean = s.Mean.Select(v => v * k).ToArray(),
        Std = s.Std.Select(v => v * k).ToArray(),
        Quantiles = s.Quantiles.ToDictionary(q => q.Key, q => q.Value.Select(v => v * k).ToArray()),
    };

    // Fewer than two vectors: no histogram; quantiles are the mean (LeRobot's _compute_basic_stats).
    private static FeatureStats Basic(ReadOnlySpan<double> values, int rows, int width, IReadOnlyList<int> shape, long count)
    {
        var min = new double[width];
        var max = new double[width];
        var mean = new double[width];
        var std = new double[width];
        for (int i = 0; i < width; i++)
        {
            if (rows == 0) { min[i] = max[i] = mean[i] = double.NaN; continue; }
            min[i] = double.PositiveInfinity; max[i] = double.NegativeInfinity;
            for (int r = 0; r < rows; r++)
            {
                double v = values[r * width + i];
                min[i] = Math.Min(min[i], v); max[i] = Math.Max(max[i], v); mean[i] += v;
            }
            mean[i] /= rows;
            for (int r = 0; r < rows; r++) std[i] += Math.Pow(values[r * width + i] - mean[i], 2);
            std[i] = Math.Sqrt(std[i] / rows);
        }
        return new FeatureStats(shape, min, max, mean, std, count,
            FeatureStats.DefaultQuantiles.ToDictionary(q => q.Key, _ => (double[])mean.Clone()));
    }
}
