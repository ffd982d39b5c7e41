using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Datasets.Format;

/// <summary>
/// meta/stats.json (and the "stats" object of a v2.1 episodes_stats.jsonl line): per feature, arrays
/// nested by the statistic's shape (vectors [N], images (3,1,1)) and count as a one-element list.
/// </summary>
public static class StatsJson
{
    public const string RelativePath = "meta/stats.json";

    public static DatasetStats? ReadIfPresent(string root)
    {
        string path = Path.Combine(root, RelativePath);
        if (!File.Exists(path)) return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                       ?? throw new DatasetFormatException(path, "is not a JSON object of features.");
            return FromNode(node, path);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, $"is not valid JSON ({e.Message}).", e);
        }
    }

    public static DatasetStats FromNode(JsonObject node, string file)
    {
        var features = new Dictionary<string, FeatureStats>();
        foreach (var (name, value) in node)
        {
            if (value is not JsonObject s) throw new DatasetFormatException(file, $"stats of '{name}' are not an object.");
            double[] Arr(string key, out int[] shape)
            {
                shape = [];
                if (s[key] is not JsonNode n) throw new DatasetFormatException(file, $"stats of '{name}' have no \"{key}\".");
                var flat = new List<double>();
                shape = ShapeOf(n);
                Flatten(n, flat);
                return flat.ToArray();
            }
            var min = Arr("min", out var shapeMin);
            var max = Arr("max", out _);
            var mean = Arr("mean", out _);
            var std = Arr("std", out _);
            long count = s["count"] switch
            {
                JsonArray a when a.Count > 0 => (long)a[0]!.GetValue<double>(),
                JsonValue v => (long)v.GetValue<double>(),
                _ => 0,
            };
            var quantiles = new Dictionary<string, double[]>();
            foreach (var (key, _) in FeatureStats.DefaultQuantiles)
                if (s[key] is not null) quantiles[key] = Arr(key, out _);
            features[name] = new FeatureStats(shapeMin, min, max, mean, std, count, quantiles);
        }
        return new DatasetStats(features);
    }

    public static JsonObject ToNode(DatasetStats stats, bool withQuantiles = true)
    {
        var o = new JsonObject();
        foreach (var (name, f) in stats.Features.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var s = new JsonObject
            {
                ["min"] = Nest(f.Min, f.Shape),
                ["max"] = Nest(f.Max, f.Shape),
                ["mean"] = Nest(f.Mean, f.Shape),
                ["std"] = Nest(f.Std, f.Shape),
                ["count"] = new JsonArray(JsonValue.Create(f.Count)),
            };
            if (withQuantiles)
                foreach (var (key, _) in FeatureStats.DefaultQuantiles)
                    if (f.Quantiles.TryGetValue(key, out var q)) s[key] = Nest(q, f.Shape);
            o[name] = s;
        }
        return o;
    }

    public static string ToJson(DatasetStats stats, bool withQuantiles = true) => Json.Indent4(ToNode(stats, withQuantiles));

    /// <summary>Row-major values as JSON lists nested by <paramref name="shape"/>.</summary>
    public static JsonArray Nest(double[] values, IReadOnlyList<int> shape)
    {
        int at = 0;
        return Build(0);

        JsonArray Build(int dim)
        {
            var a = new JsonArray();
            for (int i = 0; i < shape[dim]; i++)
                a.Add(dim == shape.Count - 1 ? JsonValue.Create(values[at++]) : Build(dim + 1));
            return a;
        }
    }

    private static int[] ShapeOf(JsonNode n)
    {
        var shape = new List<int>();
        while (n is JsonArray a)
        {
            shape.Add(a.Count);
            if (a.Count == 0) break;
            n = a[0]!;
        }
        return shape.Count == 0 ? [1] : shape.ToArray();
    }

    private static void Flatten(JsonNode n, List<double> into)
    {
        if (n is JsonArray a) foreach (var x in a) Flatten(x!, into);
        else into.Add(n.GetValue<double>());
    }
}
