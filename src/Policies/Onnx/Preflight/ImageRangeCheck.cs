namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (d) Image value range: LeRobot computes image statistics on the [0,1] scale. Statistics whose
/// values reach beyond 1.5 were computed on [0,255]. If that scale disagrees with the declared
/// value_range, every pixel is fed 255 times too large or too small.
/// </summary>
internal static class ImageRangeCheck
{
    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy)
    {
        foreach (var b in policy.Bindings.Where(b => b.IsImage && !b.Normalizer.IsIdentity))
        {
            var s = policy.Package.Stats.For(b.Spec.Feature)!;
            double top = new[] { s.Max, s.Q99, s.Mean }.Where(a => a is not null).SelectMany(a => a!).DefaultIfEmpty(0).Max();
            var statsRange = top > 1.5 ? ValueRange.Byte : ValueRange.Unit;
            var declared = b.Spec.Range ?? ValueRange.Unit;
            if (statsRange == declared) continue;
            yield return new PreflightFinding(PreflightCheck.ImageValueRange,
                $"'{b.Spec.Feature}' is declared with value_range {declared}, but its stats in stats.json are on the {statsRange} scale " +
                $"(largest statistic {StatsCheck.F(top)}): pixels would be normalised {(declared == ValueRange.Byte ? "255 times too large" : "255 times too small")}. " +
                $"Set value_range to {statsRange} in policy.json (LeRobot trains on [0,1] images), or use stats computed on the {declared} scale.");
        }
    }
}
