using System.Text.Json.Nodes;

namespace Harness.Datasets.Format;

/// <summary>
/// One feature of meta/info.json. <see cref="Names"/> and <see cref="Info"/> keep the JSON as written
/// (names may be a list, a nested list or a map of lists), so a dataset read and written again keeps them.
/// </summary>
public sealed record FeatureInfo(
    string Name,
    string DType,
    IReadOnlyList<int> Shape,
    FeatureNameList? Names = null,
    string? InfoJson = null)
{
    public const string Video = "video";
    public const string Image = "image";

    public bool IsVideo => DType == Video;
    public bool IsImage => DType == Image;
    public bool IsVisual => IsVideo || IsImage;
    public int Size => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>A value of the feature's "info" block (e.g. "video.codec"), or null.</summary>
    public string? InfoValue(string key) =>
        InfoJson is null ? null : JsonNode.Parse(InfoJson)?[key] is JsonValue v ? v.ToString() : null;

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>The "names" of a feature: its JSON as written plus the flattened names in order.</summary>
public sealed record FeatureNameList(string Json, IReadOnlyList<string> Flat)
{
    public static FeatureNameList Of(IEnumerable<string> names)
    {
        var list = names.ToArray();
        return new FeatureNameList(new JsonArray(list.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()).ToJsonString(), list);
    }

    public static FeatureNameList? FromJson(JsonNode? node)
    {
        if (node is null) return null;
        var flat = new List<string>();
        Collect(node, flat);
        return new FeatureNameList(node.ToJsonString(), flat);
    }

    private static void Collect(JsonNode node, List<string> into)
    {
        switch (node)
        {
            case JsonArray a: foreach (var x in a) if (x is not null) Collect(x, into); break;
            case JsonObject o: foreach (var (_, x) in o) if (x is not null) Collect(x, into); break;
            case JsonValue v: into.Add(v.ToString()); break;
        }
    }
}
