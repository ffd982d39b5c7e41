namespace Harness.Eval.Reports;

/// <summary>
/// Success rate against training step, one series per training run (checkpoints of one run: the
/// checkpoint's <c>run</c>, i.e. policy.json <c>checkpoint.run</c> or the package family), with
/// Wilson 95 % intervals.
/// </summary>
public sealed record LearningCurve(IReadOnlyList<LearningCurveSeries> Series);

public sealed record LearningCurveSeries(string TrainingRun, IReadOnlyList<LearningCurvePoint> Points);

public sealed record LearningCurvePoint(string Run, long TrainingStep, int Episodes, double SuccessRate, double CiLow, double CiHigh);
