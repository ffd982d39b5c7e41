namespace Harness.Eval.Reports;

/// <summary>
/// One whisker column of episodes.csv (`harness eval --whisker-metrics`) summarised over a run's
/// episodes: how many episodes define it, the mean of the per-episode values and the largest one.
/// </summary>
public sealed record RunWhiskerMetric(string Key, string Unit, string Definition, int Episodes, double? Mean, double? Max);
