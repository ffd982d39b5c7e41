using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Policies.Onnx;

/// <summary>
/// A LeRobot-shaped <c>stats.json</c>: feature name -> {min, max, mean, std, q01, q99, count, ...}.
/// Nested lists (image stats of shape (3,1,1)) are flattened; unknown statistics are ignored.
/// </summary>
public sealed record PolicyStats(IReadOnlyDictionary<string, FeatureStats> Features)
{
    public static PolicyStats Empty { get; } = new(new Dictionary<string, FeatureStats>());

    public FeatureStats? For(string feature) => Features.TryGetValue(feature, out var s) ? s : null;

    public static PolicyStats Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}); expected LeRobot's meta/stats.json layout.", ex);
        }
        if (root is not JsonObject obj)
            throw new InvalidDataException($"{path}: expected an object mapping feature names to statistics.");
        var features = new Dictionary<string, FeatureStats>(StringComparer.Ordinal);
        foreach (var (name, node) in obj)
        {
            if (node is not JsonObject s) continue; // LeRobot also stores non-feature entries; only objects are statistics.
            double[]? Get(string key) => s[key] is { } v ? Flatten(v, $"{path}: {name}.{key}") : null;
            long? count = s["count"] is { } c ? (long)Flatten(c, $"{path}: {name}.count").FirstOrDefault() : null;
            features[name] = new FeatureStats(Get("min"), Get("max"), Get("mean"), Get("std"), Get("q01"), Get("q99"), count);
        }
        return new PolicyStats(features);
    }

    public void Save(string path)
    {
        var root = new JsonObject();
        foreach (var (name, s) in Features.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            bool image = Harness.Core.Robots.FeatureNames.IsImage(name);
            var o = new JsonObject();
            void Put(string key, double[]? v) { if (v is not null) o[key] = image ? PerChannel(v) : new JsonArray(v.Select(x => (JsonNode?)x).ToArray()); }
            Put("min", s.Min); Put("max", s.Max); Put("mean", s.Mean); Put("std", s.Std); Put("q01", s.Q01); Put("q99", s.Q99);
            if (s.Count is { } c) o["count"] = new JsonArray(c);
            root[name] = o;
        }
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    // LeRobot stores image statistics with shape (C,1,1).
    private static JsonArray PerChannel(double[] v) =>
        new(v.Select(x => (JsonNode?)new JsonArray(new JsonArray(x))).ToArray());

    private static double[] Flatten(JsonNode node, string where)
    {
        var values = new List<double>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonArray a: foreach (var e in a) Walk(e); break;
                case JsonValue v when v.TryGetValue<double>(out var d): values.Add(d); break;
                default: throw new InvalidDataException($"{where}: expected numbers or nested lists of numbers; found {n?.ToJsonString() ?? "null"}.");
            }
        }
        Walk(node);
        return values.ToArray();
    }
}
