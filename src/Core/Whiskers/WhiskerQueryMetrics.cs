namespace Harness.Core.Whiskers;

/// <summary>
/// Metrics of one query (metres). Null where the metric is undefined: no executed row (prediction
/// error), no time overlap with the previous prediction (consistency), fewer than two samples
/// (spread).
/// </summary>
public sealed record WhiskerQueryMetrics(
    int Index,
    int Step,
    double? PredictionErrorM,
    double? ConsistencyM,
    double? SampleSpreadM);
