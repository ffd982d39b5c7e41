using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Datasets.Format;

/// <summary>JSON as Python's json.dump(indent=4, ensure_ascii=False) writes it, and JSON lines.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indent4(JsonNode node) => Write(node, Indented);

    public static string Line(JsonNode node) => Write(node, Compact);

    private static string Write(JsonNode node, JsonWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, options)) node.WriteTo(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>JSON lines: one object per non-empty line; a bad line names its line number.</summary>
    public static IReadOnlyList<JsonObject> ReadLines(string path)
    {
        var result = new List<JsonObject>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                result.Add(JsonNode.Parse(line) as JsonObject ?? throw new DatasetFormatException(path, $"line {n} is not a JSON object."));
            }
            catch (JsonException e)
            {
                throw new DatasetFormatException(path, $"line {n} is not valid JSON ({e.Message}).", e);
            }
        }
        return result;
    }
}
