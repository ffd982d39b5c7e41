using System.Text.Json.Serialization;

namespace Harness.Eval.Runs;

/// <summary>
/// The content of <c>run.json</c>. Field names are part of the file format (see README);
/// <see cref="Complete"/> stays false until the last episode is written.
/// </summary>
public sealed record RunSummary
{
    [JsonPropertyName("scene")] public string Scene { get; init; } = "";
    [JsonPropertyName("task")] public string Task { get; init; } = "";
    [JsonPropertyName("policy")] public string Policy { get; init; } = "";
    [JsonPropertyName("checkpoint")] public string? Checkpoint { get; init; }
    [JsonPropertyName("training_step")] public long? TrainingStep { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("episodes")] public int Episodes { get; init; }
    [JsonPropertyName("episodes_requested")] public int EpisodesRequested { get; init; }
    [JsonPropertyName("successes")] public int Successes { get; init; }
    [JsonPropertyName("success_rate")] public double SuccessRate { get; init; }
    [JsonPropertyName("ci95")] public double[] Ci95 { get; init; } = [0, 1];
    [JsonPropertyName("outcomes")] public SortedDictionary<string, int> Outcomes { get; init; } = new();
    [JsonPropertyName("metrics")] public RunMetrics Metrics { get; init; } = new();
    [JsonPropertyName("policy_latency_ms")] public LatencySummary? PolicyLatencyMs { get; init; }
    [JsonPropertyName("complete")] public bool Complete { get; init; }
    [JsonPropertyName("workers")] public int Workers { get; init; }
    [JsonPropertyName("harness_version")] public string HarnessVersion { get; init; } = "";
    [JsonPropertyName("mujoco_version")] public string? MujocoVersion { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("finished_at")] public DateTimeOffset? FinishedAt { get; init; }
    [JsonPropertyName("wall_s")] public double WallS { get; init; }
    [JsonPropertyName("extra")] public Dictionary<string, object>? Extra { get; init; }
}

public sealed record RunMetrics
{
    [JsonPropertyName("pick_rate")] public double? PickRate { get; init; }
    [JsonPropertyName("drop_rate")] public double? DropRate { get; init; }
    [JsonPropertyName("avg_steps_success")] public double? AvgStepsSuccess { get; init; }
    [JsonPropertyName("avg_max_height_m")] public double? AvgMaxHeightM { get; init; }
}

public sealed record LatencySummary(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95);
