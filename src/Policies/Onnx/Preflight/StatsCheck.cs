using System.Globalization;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (c) Normalisation statistics must have a usable spread: a denominator below 1e-4 of the
/// feature's magnitude (or zero), or a probe observation (mid-range joints, mid-grey images)
/// normalised beyond +-50, means the model would see values it never saw in training.
/// </summary>
internal static class StatsCheck
{
    public const double RelativeSpreadLimit = 1e-4;
    public const double ProbeLimit = 50;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec, Observation probe)
    {
        foreach (var b in policy.Bindings.Where(b => !b.Normalizer.IsIdentity))
        {
            var stats = policy.Package.Stats.For(b.Spec.Feature)!;
            var narrow = NarrowComponents(b.Normalizer, stats).ToList();
            if (narrow.Count > 0)
                yield return new PreflightFinding(PreflightCheck.NormalizationStats,
                    $"stats.json for '{b.Spec.Feature}' ({FeatureNormalizer.Name(b.Normalizer.Mode)}) has near-zero spread in {Describe(narrow, b.IsImage)}: " +
                    "any input there is divided by almost nothing. Recompute stats.json from the training dataset (meta/stats.json), or switch this feature to a different normalization mode.");

            var probed = ProbeValues(b, probe);
            if (probed is null) continue;
            var blown = probed.Select((p, i) => (i, p.raw, z: b.Normalizer.Normalize(p.raw, p.component)))
                .Where(x => Math.Abs(x.z) > ProbeLimit).OrderByDescending(x => Math.Abs(x.z)).Take(3).ToList();
            if (blown.Count > 0)
                yield return new PreflightFinding(PreflightCheck.NormalizationStats,
                    $"normalising a probe observation ({(b.IsImage ? "mid-grey image" : "joints at mid-range of their limits")}) with the stats for '{b.Spec.Feature}' gives " +
                    string.Join(", ", blown.Select(x => $"{(b.IsImage ? "channel" : "component")} {x.i}: {F(x.raw)} -> {F(x.z)}")) +
                    $" (limit +-{ProbeLimit}). The stats do not describe what this environment feeds; check that stats.json comes from the training dataset and matches the feature's units/scale.");
        }

        var act = policy.ActionNormalizer;
        if (!act.IsIdentity)
        {
            var narrow = NarrowComponents(act, policy.Package.Stats.For(act.Feature)!).ToList();
            if (narrow.Count > 0)
                yield return new PreflightFinding(PreflightCheck.NormalizationStats,
                    $"stats.json for '{act.Feature}' ({FeatureNormalizer.Name(act.Mode)}) has near-zero spread in {Describe(narrow, false)}: " +
                    "de-normalised actions would be frozen at one value. Recompute stats.json from the training dataset.");
        }
    }

    /// <summary>Components whose denominator is below 1e-4 of the feature's magnitude (or zero).</summary>
    private static IEnumerable<(int Index, double Spread, double Magnitude)> NarrowComponents(FeatureNormalizer n, FeatureStats s)
    {
        for (int i = 0; i < n.Dim; i++)
        {
            double spread = n.Mode == NormalizationMode.MeanStd ? n.Scale[i] - FeatureNormalizer.Epsilon : 2 * n.Scale[i] - FeatureNormalizer.Epsilon;
            double magnitude = new[]
            {
                Math.Abs(n.Center[i]),
                s.Min is { } mn && s.Max is { } mx && i < mn.Length && i < mx.Length ? mx[i] - mn[i] : 0,
                s.Q01 is { } q1 && s.Q99 is { } q9 && i < q1.Length && i < q9.Length ? q9[i] - q1[i] : 0,
            }.Max();
            if (spread <= 0 || spread < RelativeSpreadLimit * magnitude) yield return (i, spread, magnitude);
        }
    }

    /// <summary>
    /// Probe values per component, in the units normalisation sees (images: declared range; the
    /// first pixel of a uniform probe, or with <paramref name="perPixelMean"/> each channel's mean).
    /// </summary>
    internal static List<(int component, double raw)>? ProbeValues(PolicyInputBinding b, Observation probe, bool perPixelMean = false)
    {
        if (b.IsImage)
        {
            if (!probe.Images.TryGetValue(b.EnvFeature, out var img)) return null;
            double scale = (b.Spec.Range ?? ValueRange.Unit).Max / 255.0;
            if (perPixelMean) return ImageStatistics.ChannelMeans(img).Select((m, c) => (c, m * scale)).Take(b.Normalizer.Dim).ToList();
            double grey = img.Pixels.Length > 0 ? img.Pixels[0] : 128;
            return Enumerable.Range(0, b.Normalizer.Dim).Select(c => (c, grey * scale)).ToList();
        }
        if (!probe.Vectors.TryGetValue(b.EnvFeature, out var v) || v.Length != b.Normalizer.Dim) return null;
        return v.Select((x, i) => (i, x)).ToList();
    }

    private static string Describe(List<(int Index, double Spread, double Magnitude)> narrow, bool image) =>
        string.Join(", ", narrow.Take(4).Select(x => $"{(image ? "channel" : "component")} {x.Index} (spread {F(x.Spread)}, magnitude {F(x.Magnitude)})")) +
        (narrow.Count > 4 ? $" and {narrow.Count - 4} more" : "");

    internal static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
