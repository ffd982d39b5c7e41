using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps.Stopping;
using Harness.Core.IO;

namespace Harness.Eval.Sweeps;

/// <summary>
/// <c>sweep.json</c>: what a sweep evaluates (scene package, checkpoints with their hashes, seed,
/// episodes, result-changing settings, server command, adaptive stopping, shard) and, once it ends,
/// its <see cref="Result"/>. Re-running a command into the same folder continues the sweep only when
/// everything but the result agrees; shards merge only when everything but the shard agrees.
/// </summary>
public sealed record SweepManifest
{
    public const string FileName = "sweep.json";
    public const string CurrentFormat = "harness.sweep/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("scene")] public SceneIdentity Scene { get; init; } = new("", null, "");
    [JsonPropertyName("seed")] public int Seed { get; init; }
    /// <summary>Episodes per checkpoint (with adaptive stopping: episodes per round).</summary>
    [JsonPropertyName("episodes")] public int Episodes { get; init; }
    [JsonPropertyName("checkpoints")] public IReadOnlyList<SweepCheckpoint> Checkpoints { get; init; } = [];
    /// <summary>Options given on the command line that change results (actions per query, max steps, ...).</summary>
    [JsonPropertyName("settings")] public SortedDictionary<string, string> Settings { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("serve_cmd")] public string? ServeCommand { get; init; }
    [JsonPropertyName("adaptive")] public AdaptiveOptions? Adaptive { get; init; }
    [JsonPropertyName("shard")] public string? Shard { get; init; }
    [JsonPropertyName("harness_version")] public string HarnessVersion { get; init; } = "";
    [JsonPropertyName("result")] public SweepResult? Result { get; init; }

    [JsonIgnore] public ShardSpec? ShardSpec => Shard is null ? null : ShardSpec.Parse(Shard);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>"what: this vs other" for every difference in what the two sweeps evaluate.</summary>
    public IReadOnlyList<string> Differences(SweepManifest other, bool ignoreShard = false)
    {
        var d = new List<string>();
        void Check(string what, object? a, object? b)
        {
            string sa = a?.ToString() ?? "(none)", sb = b?.ToString() ?? "(none)";
            if (sa != sb) d.Add($"{what}: {sa} vs {sb}");
        }
        Check("scene", Scene.Name, other.Scene.Name);
        Check("scene version", Scene.Version, other.Scene.Version);
        Check("scene sha256", Scene.Sha256, other.Scene.Sha256);
        Check("seed", Seed, other.Seed);
        Check("episodes", Episodes, other.Episodes);
        Check("checkpoint count", Checkpoints.Count, other.Checkpoints.Count);
        foreach (var (a, b) in Checkpoints.Zip(other.Checkpoints))
        {
            Check("checkpoint", a.Name, b.Name);
            if (a.Name == b.Name)
            {
                Check($"checkpoint {a.Name} spec", a.Spec, b.Spec);
                Check($"checkpoint {a.Name} sha256", a.Sha256, b.Sha256);
            }
        }
        var keys = Settings.Keys.Union(other.Settings.Keys).Order(StringComparer.Ordinal);
        foreach (var k in keys) Check($"setting {k}", Settings.GetValueOrDefault(k), other.Settings.GetValueOrDefault(k));
        Check("serve command", ServeCommand, other.ServeCommand);
        Check("adaptive stopping", Adaptive, other.Adaptive);
        if (!ignoreShard) Check("shard", Shard, other.Shard);
        return d;
    }

    public static string PathIn(string dir) => System.IO.Path.Combine(dir, FileName);

    public static SweepManifest? TryRead(string dir)
    {
        var path = PathIn(dir);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path} holds 'null'; expected the sweep description written by `harness sweep`.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed sweep.json ({e.Message.Split(" Path:")[0]}); it is written by `harness sweep`. Restore it or choose a new --out.", e);
        }
    }

    public static SweepManifest Read(string dir) =>
        TryRead(dir) ?? throw new InvalidDataException($"'{dir}' has no {FileName}; expected the output folder of `harness sweep` (a shard's --out).");

    /// <summary>Writes sweep.json atomically.</summary>
    public void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(PathIn(dir), JsonSerializer.Serialize(this, Json));
    }
}

/// <summary>How a sweep ended: complete or not, failed checkpoints, and (adaptive) why it stopped and what it found.</summary>
public sealed record SweepResult(
    [property: JsonPropertyName("complete")] bool Complete,
    [property: JsonPropertyName("finished_at")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("failed")] IReadOnlyList<string> Failed,
    [property: JsonPropertyName("stop")] StopDecision? Stop = null);
