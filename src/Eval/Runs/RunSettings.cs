using System.Reflection;
using System.Text.Json.Serialization;

namespace Harness.Eval.Runs;

/// <summary>
/// Every setting that can change a run's results, recorded in run.json (<c>settings</c>). Reports
/// list, for every pair of runs they compare, the settings that differ (comparing 50 vs 25 actions
/// per query is a legitimate experiment; hiding that difference is not). Worker count is not here:
/// it never changes results.
/// </summary>
public sealed record RunSettings
{
    [JsonPropertyName("actions_per_query")] public int? ActionsPerQuery { get; init; }
    [JsonPropertyName("temporal_ensemble")] public double? TemporalEnsemble { get; init; }
    [JsonPropertyName("max_steps")] public int? MaxSteps { get; init; }
    [JsonPropertyName("image_size")] public int[]? ImageSize { get; init; }
    [JsonPropertyName("cameras")] public IReadOnlyList<string>? Cameras { get; init; }
    [JsonPropertyName("feature_map")] public SortedDictionary<string, string>? FeatureMap { get; init; }
    [JsonPropertyName("force")] public bool Force { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("device")] public string? Device { get; init; }
    [JsonPropertyName("layout")] public string? Layout { get; init; }
    /// <summary>Settings contributed by other parts (action adapters, perturbations, latency), by name.</summary>
    [JsonPropertyName("other")] public SortedDictionary<string, string>? Other { get; init; }

    /// <summary>Every setting that differs between two runs, in declaration order, then the contributed ones by name.</summary>
    public static IReadOnlyList<SettingDifference> Differences(RunSettings a, RunSettings b)
    {
        var diffs = new List<SettingDifference>();
        foreach (var p in typeof(RunSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name == nameof(Other)) continue;
            string name = p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
            string va = Show(p.GetValue(a)), vb = Show(p.GetValue(b));
            if (va != vb) diffs.Add(new(name, va, vb));
        }
        var keys = (a.Other?.Keys.AsEnumerable() ?? []).Union(b.Other?.Keys.AsEnumerable() ?? []).Order(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            string va = a.Other?.GetValueOrDefault(k) ?? "(default)", vb = b.Other?.GetValueOrDefault(k) ?? "(default)";
            if (va != vb) diffs.Add(new(k, va, vb));
        }
        return diffs;
    }

    private static string Show(object? v) => v switch
    {
        null => "(default)",
        bool b => b ? "true" : "false",
        int[] a => string.Join("x", a),
        IReadOnlyList<string> l => string.Join(",", l),
        SortedDictionary<string, string> d => d.Count == 0 ? "(none)" : string.Join(",", d.Select(kv => $"{kv.Key}={kv.Value}")),
        double d => d.ToString("G", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
