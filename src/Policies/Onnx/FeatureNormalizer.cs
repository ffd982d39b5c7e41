namespace Harness.Policies.Onnx;

/// <summary>
/// Per-component affine normalisation y = (x - center) / scale, built from a feature's statistics
/// the way LeRobot does it: mean_std uses (mean, std + eps); min_max and quantile map [min,max]
/// (or [q01,q99]) onto [-1,1]. For images, components are channels.
/// </summary>
public sealed record FeatureNormalizer(string Feature, NormalizationMode Mode, double[] Center, double[] Scale)
{
    /// <summary>LeRobot's epsilon, added to the denominator.</summary>
    public const double Epsilon = 1e-8;

    public static FeatureNormalizer Create(string feature, NormalizationMode mode, FeatureStats? stats)
    {
        if (mode == NormalizationMode.Identity) return new(feature, mode, [], []);
        if (stats is null)
            throw new InvalidDataException($"feature '{feature}' is normalised with {Name(mode)}, but stats.json has no entry for it.");
        double[] Need(double[]? v, string key) => v ?? throw new InvalidDataException(
            $"feature '{feature}' is normalised with {Name(mode)}, which needs '{key}' in stats.json; it has: {Available(stats)}.");
        (double[] a, double[] b) = mode switch
        {
            NormalizationMode.MeanStd => (Need(stats.Mean, "mean"), Need(stats.Std, "std")),
            NormalizationMode.MinMax => (Need(stats.Min, "min"), Need(stats.Max, "max")),
            NormalizationMode.Quantile => (Need(stats.Q01, "q01"), Need(stats.Q99, "q99")),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        if (a.Length != b.Length)
            throw new InvalidDataException($"stats.json for '{feature}' has statistics of different lengths ({a.Length} and {b.Length}).");
        if (mode == NormalizationMode.MeanStd)
            return new(feature, mode, (double[])a.Clone(), b.Select(s => s + Epsilon).ToArray());
        return new(feature, mode,
            a.Zip(b, (lo, hi) => (lo + hi) / 2).ToArray(),
            a.Zip(b, (lo, hi) => (hi - lo + Epsilon) / 2).ToArray());
    }

    /// <summary>Components covered (0 for identity, which fits any size).</summary>
    public int Dim => Center.Length;

    public bool IsIdentity => Mode == NormalizationMode.Identity;

    public double Normalize(double x, int i) => IsIdentity ? x : (x - Center[i]) / Scale[i];

    public double Denormalize(double y, int i) => IsIdentity ? y : y * Scale[i] + Center[i];

    public static string Name(NormalizationMode mode) => mode switch
    {
        NormalizationMode.MeanStd => "mean_std",
        NormalizationMode.MinMax => "min_max",
        NormalizationMode.Quantile => "quantile",
        _ => "identity",
    };

    private static string Available(FeatureStats s) => string.Join(", ",
        new[] { ("min", s.Min), ("max", s.Max), ("mean", s.Mean), ("std", s.Std), ("q01", s.Q01), ("q99", s.Q99) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1).DefaultIfEmpty("nothing"));
}
