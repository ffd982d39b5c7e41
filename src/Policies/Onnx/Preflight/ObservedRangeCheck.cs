using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (h) What the scene really feeds (its seeded reset states and a few steps after each) must
/// normalise to values the model saw in training. A component beyond <see cref="RefuseLimit"/>
/// (in the normalised scale: stds for mean_std, half-ranges for min_max / quantile) is refused:
/// statistics in other units (radians vs degrees), of another robot, or with a near-zero spread
/// on a feature that mid-range probes never exercise. Beyond <see cref="WarnLimit"/> it is reported.
/// </summary>
internal static class ObservedRangeCheck
{
    public const double RefuseLimit = 20, WarnLimit = 8;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, PreflightContext ctx)
    {
        var observations = ctx.ResetObservations.Concat(ctx.StepObservations).ToList();
        foreach (var b in policy.Bindings.Where(b => !b.Normalizer.IsIdentity))
        {
            // Per component: the observed value that normalises furthest out.
            var worst = new Dictionary<int, (double Raw, double Z)>();
            foreach (var obs in observations)
            {
                var values = StatsCheck.ProbeValues(b, obs, perPixelMean: true);
                if (values is null) continue;
                foreach (var (i, raw) in values)
                {
                    double z = b.Normalizer.Normalize(raw, i);
                    if (!worst.TryGetValue(i, out var w) || !(Math.Abs(z) <= Math.Abs(w.Z))) worst[i] = (raw, z);
                }
            }
            var refused = worst.Where(kv => !(Math.Abs(kv.Value.Z) <= RefuseLimit)).OrderByDescending(kv => Math.Abs(kv.Value.Z)).ToList();
            var odd = worst.Where(kv => Math.Abs(kv.Value.Z) > WarnLimit && Math.Abs(kv.Value.Z) <= RefuseLimit).ToList();
            if (refused.Count > 0)
                yield return new PreflightFinding(PreflightCheck.ObservedRange,
                    $"the scene's own observations of '{b.EnvFeature}' (reset states and the steps after) sit far outside the training statistics of '{b.Spec.Feature}': " +
                    string.Join(", ", refused.Take(3).Select(kv => Describe(b, ctx.Spec, kv.Key, kv.Value.Raw, kv.Value.Z))) +
                    $" (limit +-{RefuseLimit} on the normalised scale). The statistics do not describe what this robot reports: check their units " +
                    "(radians vs degrees), that they belong to this robot and camera, and that no component has a near-zero spread; recompute stats.json from the training dataset.");
            else if (odd.Count > 0)
                yield return new PreflightFinding(PreflightCheck.ObservedRange,
                    $"the scene's observations of '{b.EnvFeature}' reach {string.Join(", ", odd.Take(3).Select(kv => Describe(b, ctx.Spec, kv.Key, kv.Value.Raw, kv.Value.Z)))} " +
                    $"on the training statistics' scale (more than {WarnLimit}): the scene starts outside most of the training data.", Warning: true);
        }
    }

    private static string Describe(PolicyInputBinding b, RobotSpec spec, int i, double raw, double z)
    {
        var f = spec.Feature(b.EnvFeature);
        string name = b.IsImage ? $"channel {i}" : f?.Names is { } n && i < n.Count ? $"'{n[i]}'" : $"component {i}";
        string unit = !b.IsImage && f?.Units is { } u && i < u.Count ? $" {u[i]}" : "";
        return $"{name} {StatsCheck.F(raw)}{unit} -> {StatsCheck.F(z)}";
    }
}
