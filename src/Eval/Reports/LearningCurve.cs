namespace Harness.Eval.Reports;

/// <summary>Success rate against training step, one series per policy, with Wilson 95 % intervals.</summary>
public sealed record LearningCurve(IReadOnlyList<LearningCurveSeries> Series);

public sealed record LearningCurveSeries(string Policy, IReadOnlyList<LearningCurvePoint> Points);

public sealed record LearningCurvePoint(string Run, long TrainingStep, int Episodes, double SuccessRate, double CiLow, double CiHigh);
