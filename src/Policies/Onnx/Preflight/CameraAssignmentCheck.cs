using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (m) Swapped cameras: each camera's image statistics in the package are compared with the frames
/// the scene renders for the camera it is mapped to (per-channel means at the reset states, in
/// stds). When exchanging two cameras fits the statistics at least <see cref="SwapFactor"/> times
/// better, and by more than <see cref="MinGain"/> stds, the two are refused as swapped.
/// </summary>
internal static class CameraAssignmentCheck
{
    public const double SwapFactor = 2, MinGain = 1;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, PreflightContext ctx)
    {
        var cams = policy.Bindings.Where(b => b.IsImage && b.Normalizer.Mode == NormalizationMode.MeanStd && b.Normalizer.Dim == 3)
            .Select(b => (Binding: b, Means: FrameMeans(b, ctx))).Where(x => x.Means is not null).ToList();
        for (int i = 0; i < cams.Count; i++)
            for (int k = i + 1; k < cams.Count; k++)
            {
                var (a, b) = (cams[i], cams[k]);
                double current = Cost(a.Binding, a.Means!) + Cost(b.Binding, b.Means!);
                double swapped = Cost(a.Binding, b.Means!) + Cost(b.Binding, a.Means!);
                if (!(swapped * SwapFactor <= current && current - swapped > MinGain)) continue;
                yield return new PreflightFinding(PreflightCheck.CameraAssignment,
                    $"cameras look swapped: the frames of '{a.Binding.EnvFeature}' fit the statistics of '{b.Binding.Spec.Feature}' and those of '{b.Binding.EnvFeature}' fit '{a.Binding.Spec.Feature}' " +
                    $"({StatsCheck.F(swapped)} stds apart exchanged vs {StatsCheck.F(current)} as mapped). " +
                    $"Map them the other way: --map {a.Binding.Spec.Feature}={b.Binding.EnvFeature} --map {b.Binding.Spec.Feature}={a.Binding.EnvFeature}.");
            }
    }

    /// <summary>Mean of each channel over the reset frames, on the scale normalisation sees.</summary>
    private static double[]? FrameMeans(PolicyInputBinding b, PreflightContext ctx)
    {
        var frames = ctx.ResetObservations.Select(o => StatsCheck.ProbeValues(b, o, perPixelMean: true)).Where(v => v is { Count: 3 }).ToList();
        if (frames.Count == 0) return null;
        return Enumerable.Range(0, 3).Select(c => frames.Average(f => f![c].raw)).ToArray();
    }

    private static double Cost(PolicyInputBinding stats, double[] means) =>
        Enumerable.Range(0, 3).Sum(c => Math.Abs(stats.Normalizer.Normalize(means[c], c)));
}
