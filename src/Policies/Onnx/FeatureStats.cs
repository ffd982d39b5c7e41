namespace Harness.Policies.Onnx;

/// <summary>
/// Dataset statistics of one feature, as LeRobot's <c>meta/stats.json</c> stores them (image
/// statistics are per channel, on the [0,1] scale, stored with shape (C,1,1); flattened here).
/// Any statistic may be absent.
/// </summary>
public sealed record FeatureStats(
    double[]? Min = null,
    double[]? Max = null,
    double[]? Mean = null,
    double[]? Std = null,
    double[]? Q01 = null,
    double[]? Q99 = null,
    long? Count = null)
{
    /// <summary>Number of components (the length of whichever statistic is present).</summary>
    public int Dim => (Mean ?? Std ?? Min ?? Max ?? Q01 ?? Q99)?.Length ?? 0;
}
