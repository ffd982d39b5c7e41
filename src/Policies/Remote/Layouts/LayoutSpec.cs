using System.Text.Json;
using Harness.Core.Robots;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// A declarative observation layout: the built-in openpi presets and user mapping files
/// (JSON, format in src/Policies/Remote/README.md) are both this record.
/// </summary>
public sealed record LayoutSpec(string Name, IReadOnlyList<LayoutField> Fields)
{
    /// <summary>Key of the task text; null leaves the prompt out.</summary>
    public string? PromptKey { get; init; } = "prompt";

    /// <summary>Whether to add <c>harness/episode_start</c> on an episode's first request.</summary>
    public bool SendEpisodeStart { get; init; }

    /// <summary>Renames cameras: layout camera name -> the robot's camera name.</summary>
    public LayoutSpec WithCameraMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0) return this;
        var known = Fields.Where(f => f.IsImage).Select(f => FeatureNames.CameraOf(f.Source)).ToHashSet();
        var unknown = map.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"camera map names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which layout '{Name}' does not use; it uses " +
                $"{string.Join(", ", known.Select(k => $"'{k}'"))}. Write LAYOUT_CAMERA=ROBOT_CAMERA.");
        return this with
        {
            Fields = Fields.Select(f => f.IsImage && map.TryGetValue(FeatureNames.CameraOf(f.Source), out var to)
                ? f with { Source = FeatureNames.Image(to) } : f).ToList(),
        };
    }

    public static LayoutSpec Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"layout mapping file '{path}' does not exist; give a preset name (lerobot, aloha, droid, libero) or a JSON file.", path);
        try { return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path)); }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"layout mapping file '{path}': {ex.Message} See src/Policies/Remote/README.md for the format.", ex);
        }
    }

    public static LayoutSpec Parse(string json, string defaultName)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("expected a JSON object at the top level.");
        string name = root.TryGetProperty("name", out var n) ? n.GetString() ?? defaultName : defaultName;
        if (!root.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException("expected 'fields': an array of {\"key\", \"source\", ...} objects.");
        var fields = new List<LayoutField>();
        int i = 0;
        foreach (var f in fieldsElement.EnumerateArray()) fields.Add(ParseField(f, i++));
        var spec = new LayoutSpec(name, fields);
        if (root.TryGetProperty("prompt_key", out var p)) spec = spec with { PromptKey = p.ValueKind == JsonValueKind.Null ? null : p.GetString() };
        if (root.TryGetProperty("send_episode_start", out var e)) spec = spec with { SendEpisodeStart = e.GetBoolean() };
        return spec;
    }

    private static LayoutField ParseField(JsonElement f, int index)
    {
        string where = $"fields[{index}]";
        if (f.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{where} must be an object.");
        IReadOnlyList<string> key = f.TryGetProperty("key", out var k) ? k.ValueKind switch
        {
            JsonValueKind.String => [k.GetString()!],
            JsonValueKind.Array => k.EnumerateArray().Select(x => x.GetString() ?? "").ToList(),
            _ => throw new InvalidDataException($"{where}.key must be a string or an array of strings (a path into nested maps)."),
        } : throw new InvalidDataException($"{where} has no 'key'.");
        if (key.Count == 0 || key.Any(string.IsNullOrEmpty)) throw new InvalidDataException($"{where}.key must not be empty.");
        string source = f.TryGetProperty("source", out var s) && s.GetString() is { Length: > 0 } src ? src
            : throw new InvalidDataException($"{where} has no 'source' (a feature name such as observation.state or observation.images.front).");
        var field = new LayoutField(key, source);
        if (f.TryGetProperty("slice", out var sl))
        {
            var bounds = sl.EnumerateArray().Select(x => x.GetInt32()).ToArray();
            if (bounds.Length != 2 || bounds[0] < 0 || bounds[1] <= bounds[0])
                throw new InvalidDataException($"{where}.slice must be [start, end] with 0 <= start < end (end exclusive).");
            field = field with { Slice = (bounds[0], bounds[1]) };
        }
        if (f.TryGetProperty("dtype", out var d))
        {
            string dtype = d.GetString() ?? "";
            if (dtype is not ("<f8" or "<f4")) throw new InvalidDataException($"{where}.dtype must be \"<f8\" or \"<f4\"; found \"{dtype}\".");
            field = field with { DType = dtype };
        }
        if (f.TryGetProperty("layout", out var l))
            field = field with
            {
                Axes = Enum.TryParse<ImageAxes>(l.GetString(), true, out var axes) ? axes
                    : throw new InvalidDataException($"{where}.layout must be \"HWC\" or \"CHW\"; found \"{l.GetString()}\"."),
            };
        if (f.TryGetProperty("resize", out var r))
        {
            if (r.ValueKind == JsonValueKind.Null) field = field with { Resize = null };
            else
            {
                var size = r.EnumerateArray().Select(x => x.GetInt32()).ToArray();
                if (size.Length != 2 || size[0] <= 0 || size[1] <= 0)
                    throw new InvalidDataException($"{where}.resize must be [height, width] or null.");
                field = field with { Resize = (size[0], size[1]) };
            }
        }
        if (f.TryGetProperty("optional", out var o)) field = field with { Optional = o.GetBoolean() };
        return field;
    }
}
