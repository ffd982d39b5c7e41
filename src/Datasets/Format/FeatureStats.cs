namespace Harness.Datasets.Format;

/// <summary>
/// Statistics of one feature as LeRobot stores them: per dimension (vectors) or per channel with
/// shape (C,1,1) (images, on the 0-1 scale). Quantiles are keyed q01, q10, q50, q90, q99.
/// </summary>
public sealed record FeatureStats(
    IReadOnlyList<int> Shape,
    double[] Min,
    double[] Max,
    double[] Mean,
    double[] Std,
    long Count,
    IReadOnlyDictionary<string, double[]> Quantiles)
{
    public static readonly IReadOnlyList<(string Key, double Q)> DefaultQuantiles =
        [("q01", 0.01), ("q10", 0.10), ("q50", 0.50), ("q90", 0.90), ("q99", 0.99)];
}

/// <summary>Statistics of every feature of a dataset (meta/stats.json) or of one episode.</summary>
public sealed record DatasetStats(IReadOnlyDictionary<string, FeatureStats> Features)
{
    public FeatureStats? this[string feature] => Features.GetValueOrDefault(feature);
}
