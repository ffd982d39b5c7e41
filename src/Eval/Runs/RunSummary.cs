using System.Text.Json.Serialization;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>
/// The content of <c>run.json</c> (format 2). Field names are part of the file format (see
/// README). It records what ran (scene identity, robot spec, task schema, checkpoint identity,
/// every setting that changes results, versions) and the aggregate figures; <see cref="Complete"/>
/// stays false until the last episode is written.
/// </summary>
public sealed record RunSummary
{
    public const int CurrentFormat = 2;

    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = CurrentFormat;
    [JsonPropertyName("scene")] public string Scene { get; init; } = "";
    [JsonPropertyName("scene_identity")] public SceneIdentity? SceneIdentity { get; init; }
    [JsonPropertyName("task")] public string Task { get; init; } = "";
    [JsonPropertyName("task_schema")] public TaskSchema? TaskSchema { get; init; }
    [JsonPropertyName("robot")] public RobotSpec? Robot { get; init; }
    [JsonPropertyName("policy")] public string Policy { get; init; } = "";
    [JsonPropertyName("checkpoint")] public CheckpointIdentity? Checkpoint { get; init; }
    [JsonPropertyName("settings")] public RunSettings Settings { get; init; } = new();
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("episodes")] public int Episodes { get; init; }
    [JsonPropertyName("episodes_requested")] public int EpisodesRequested { get; init; }
    [JsonPropertyName("successes")] public int Successes { get; init; }
    [JsonPropertyName("success_rate")] public double SuccessRate { get; init; }
    [JsonPropertyName("ci95")] public double[] Ci95 { get; init; } = [0, 1];
    [JsonPropertyName("outcomes")] public SortedDictionary<string, int> Outcomes { get; init; } = new();
    /// <summary>Aggregates of the schema's metrics, keyed <c>metric_aggregation</c> (e.g. picked_up_rate).</summary>
    [JsonPropertyName("metrics")] public SortedDictionary<string, double?> Metrics { get; init; } = new();
    [JsonPropertyName("policy_latency_ms")] public LatencySummary? PolicyLatencyMs { get; init; }
    [JsonPropertyName("complete")] public bool Complete { get; init; }
    /// <summary>Why a run ended before all requested episodes (null when it did not).</summary>
    [JsonPropertyName("stopped")] public string? Stopped { get; init; }
    [JsonPropertyName("preflight")] public IReadOnlyList<PreflightEntry>? Preflight { get; init; }
    [JsonPropertyName("workers")] public int Workers { get; init; }
    [JsonPropertyName("harness_version")] public string HarnessVersion { get; init; } = "";
    [JsonPropertyName("mujoco_version")] public string? MujocoVersion { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("finished_at")] public DateTimeOffset? FinishedAt { get; init; }
    [JsonPropertyName("wall_s")] public double WallS { get; init; }
    [JsonPropertyName("extra")] public Dictionary<string, object>? Extra { get; init; }

    [JsonIgnore] public long? TrainingStep => Checkpoint?.TrainingStep;

    /// <summary>The task schema, or one reconstructed from the outcomes of a format-1 run.json.</summary>
    [JsonIgnore] public TaskSchema Schema => TaskSchema ?? LegacySchema.For(this);
}

/// <summary>The identity of a scene: name, version and the sha256 of its files (pairing needs equal hashes).</summary>
public sealed record SceneIdentity(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>One pre-flight check as recorded in run.json: its name, result (pass, warn, fail, skipped) and message.</summary>
public sealed record PreflightEntry(
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public static string ResultName(PreflightStatus status) => status switch
    {
        PreflightStatus.Pass => "pass",
        PreflightStatus.Warn => "warn",
        PreflightStatus.Fail => "fail",
        _ => "skipped",
    };
}

public sealed record LatencySummary(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95);
