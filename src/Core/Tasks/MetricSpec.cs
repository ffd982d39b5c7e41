using System.Text.Json.Serialization;

namespace Harness.Core.Tasks;

/// <summary>How a per-episode metric is summarised over a run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricAggregation>))]
public enum MetricAggregation
{
    /// <summary>Mean over the episodes that measured it.</summary>
    Mean,
    /// <summary>Share of episodes where the flag is 1 (flags only).</summary>
    Rate,
    P50,
    P95,
    Max,
    /// <summary>Mean over successful episodes only.</summary>
    MeanSuccess,
}

/// <summary>
/// A per-episode metric a task measures: its key (an episodes.csv column), unit (m, s, steps,
/// flag, ...), one-line definition, and how runs aggregate it (run.json <c>metrics</c> gets one
/// figure per aggregation, named <c>key_aggregation</c>, e.g. <c>picked_up_rate</c>).
/// </summary>
public sealed record MetricSpec(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("definition")] string Definition,
    [property: JsonPropertyName("aggregations")] IReadOnlyList<MetricAggregation> Aggregations)
{
    public const string FlagUnit = "flag";

    /// <summary>A 0/1 metric, aggregated as a rate.</summary>
    public static MetricSpec Flag(string key, string definition) => new(key, FlagUnit, definition, [MetricAggregation.Rate]);

    [JsonIgnore] public bool IsFlag => Unit == FlagUnit;

    /// <summary>The run.json key of one aggregate, e.g. picked_up_rate, time_to_pick_s_p50.</summary>
    public string AggregateKey(MetricAggregation a) => a switch
    {
        MetricAggregation.Mean => $"{Key}_mean",
        MetricAggregation.Rate => $"{Key}_rate",
        MetricAggregation.P50 => $"{Key}_p50",
        MetricAggregation.P95 => $"{Key}_p95",
        MetricAggregation.Max => $"{Key}_max",
        MetricAggregation.MeanSuccess => $"{Key}_mean_success",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };
}
