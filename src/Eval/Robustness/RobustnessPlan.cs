using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Eval.Runs;
using Harness.Core.IO;

namespace Harness.Eval.Robustness;

/// <summary>
/// robustness.json: what a robustness sweep ran (scene, seed, episodes per level, checkpoints) and
/// how to read each axis (kind, unit, nominal value, range, the values of every level described
/// for readers, the stills). The report is built from this file and the run directories alone, so
/// it never needs the simulator.
/// </summary>
public sealed record RobustnessPlan
{
    public const string FileName = "robustness.json";
    public const string CurrentFormat = "harness.robustness/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("scene")] public string Scene { get; init; } = "";
    [JsonPropertyName("scene_identity")] public SceneIdentity? SceneIdentity { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("episodes")] public int Episodes { get; init; }
    [JsonPropertyName("levels")] public int Levels { get; init; }
    [JsonPropertyName("checkpoints")] public IReadOnlyList<CheckpointPlan> Checkpoints { get; init; } = [];
    [JsonPropertyName("axes")] public IReadOnlyList<AxisPlan> Axes { get; init; } = [];
    [JsonPropertyName("stills")] public IReadOnlyList<StillPlan> Stills { get; init; } = [];

    /// <summary>The run directory of (checkpoint, axis, level), relative to the sweep's folder.</summary>
    public static string RunPath(string checkpoint, string axis, int level) => Path.Combine("runs", checkpoint, axis, $"level_{level}");

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes robustness.json atomically (temp file, then rename), so a reader never sees half of it.</summary>
    public void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Json));
    }

    public static RobustnessPlan Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
            throw new RunDirectoryException($"'{dir}' has no {FileName}; expected the output folder of `harness robustness` (robustness.json, runs/CHECKPOINT/AXIS/level_K/).");
        RobustnessPlan? plan;
        try { plan = JsonSerializer.Deserialize<RobustnessPlan>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new RunDirectoryException($"{path} is not valid JSON ({e.Message}); re-run `harness robustness` with the same arguments to rewrite it."); }
        if (plan is null || plan.Format != CurrentFormat)
            throw new RunDirectoryException($"{path}: expected format '{CurrentFormat}'; found '{plan?.Format ?? "(empty)"}'.");
        return plan;
    }
}

/// <summary>A policy of the sweep: its label (folder name, legend) and the spec it was built from.</summary>
public sealed record CheckpointPlan(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("policy")] string Policy);

/// <summary>An axis as the report needs it: the scene's declaration and each level's values, described.</summary>
public sealed record AxisPlan(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("nominal")] double Nominal,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("still")] string Still,
    [property: JsonPropertyName("level_values")] IReadOnlyList<LevelPlan> LevelValues)
{
    public LevelPlan Level(int k) => LevelValues.FirstOrDefault(l => l.Level == k) ?? new LevelPlan(k, [], $"level {k}");
}

/// <summary>The values level <see cref="Level"/> can take (two for a range on both sides of nominal) and how they read.</summary>
public sealed record LevelPlan(
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("values")] IReadOnlyList<double> Values,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A still of the perturbed scene: which axis and level, the image file (relative), what it shows.</summary>
public sealed record StillPlan(
    [property: JsonPropertyName("axis")] string Axis,
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("caption")] string Caption);
