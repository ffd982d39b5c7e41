namespace Harness.Core.Whiskers;

/// <summary>
/// Metrics of one query. Null where the metric is undefined: no time overlap with the previous
/// prediction (consistency, metres), fewer than two samples (spread, metres), no previous chunk
/// or no executed row of it (action jump: one value per joint, in the joint's unit).
/// </summary>
public sealed record WhiskerQueryMetrics(
    int Index,
    int Step,
    double? ConsistencyM,
    double? SampleSpreadM,
    IReadOnlyList<double>? ActionJump);
