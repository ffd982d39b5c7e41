using Harness.Core.Tasks;

namespace Harness.Eval.Reports;

/// <summary>One aggregate of a task metric as a report column (e.g. picked_up rate, time_to_pick_s p50).</summary>
public sealed record MetricColumn(string Key, string Metric, MetricAggregation Aggregation, string Unit, string Definition)
{
    public bool IsRate => Aggregation == MetricAggregation.Rate;

    public string Heading => $"{Metric} {Aggregation switch
    {
        MetricAggregation.Rate => "rate",
        MetricAggregation.Mean => "mean",
        MetricAggregation.P50 => "p50",
        MetricAggregation.P95 => "p95",
        MetricAggregation.Max => "max",
        MetricAggregation.MeanSuccess => "mean (successes)",
        _ => Aggregation.ToString(),
    }}{(IsRate || Unit == MetricSpec.FlagUnit ? "" : $" ({Unit})")}";

    public static IReadOnlyList<MetricColumn> For(TaskSchema schema) =>
        schema.Metrics.SelectMany(m => m.Aggregations.Select(a => new MetricColumn(m.AggregateKey(a), m.Key, a, m.Unit, m.Definition))).ToList();
}
