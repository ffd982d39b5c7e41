using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Core.Robots;
using Harness.Core.IO;

namespace Harness.Policies.Onnx;

/// <summary>
/// <c>reference.json</c> in a policy package: one raw observation and the raw action chunk the
/// training code produced for it (robot units, after its own de-normalisation). The whole
/// pipeline (normalise -> model -> de-normalise) must reproduce it; that catches normalisation,
/// unit, order and scale faults at once. Images are stored as uint8 HxWxC.
/// </summary>
public sealed record PolicyReference(Observation Observation, IReadOnlyList<double[]> Actions, string Task = "")
{
    public const string FileName = "reference.json";
    public const string Format = "harness.policy-reference/1";

    public static PolicyReference Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException ex) { throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}).", ex); }
        InvalidDataException Bad(string what) => new($"{path}: {what}. Expected {{\"observation\": {{feature: values or image}}, \"action\": [[...], ...]}} (see src/Policies/Onnx/README.md).");
        if (root?["observation"] is not JsonObject obs) throw Bad("no \"observation\" object");
        if (root["action"] is not JsonArray rows || rows.Count == 0) throw Bad("no \"action\" list of rows");

        var vectors = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var images = new Dictionary<string, CameraImage>(StringComparer.Ordinal);
        foreach (var (name, node) in obs)
        {
            if (node is JsonArray values) vectors[name] = Numbers(values, $"observation.{name}", Bad);
            else if (node is JsonObject img)
            {
                int h = Int(img["height"]), w = Int(img["width"]), c = Int(img["channels"]);
                var pixels = (img["pixels"] as JsonArray ?? throw Bad($"image '{name}' has no pixels")).Select(p => (byte)p!.GetValue<int>()).ToArray();
                if (pixels.Length != h * w * c) throw Bad($"image '{name}' claims {h}x{w}x{c} but holds {pixels.Length} values");
                images[name] = new CameraImage(h, w, c, pixels);
            }
            else throw Bad($"observation '{name}' is neither a list of numbers nor an image");
        }
        var actions = rows.Select((r, i) => Numbers(r as JsonArray ?? throw Bad($"action row {i} is not a list"), $"action[{i}]", Bad)).ToList();
        if (actions.Any(a => a.Length != actions[0].Length)) throw Bad("action rows differ in length");
        return new PolicyReference(new Observation(0, 0, vectors, images), actions, root["task"]?.GetValue<string>() ?? "");

        static int Int(JsonNode? n) => n?.GetValue<int>() ?? 0;
    }

    public void Save(string path)
    {
        var obs = new JsonObject();
        foreach (var (name, v) in Observation.Vectors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            obs[name] = new JsonArray(v.Select(x => (JsonNode?)x).ToArray());
        foreach (var (name, img) in Observation.Images.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            obs[name] = new JsonObject
            {
                ["height"] = img.Height, ["width"] = img.Width, ["channels"] = img.Channels,
                ["pixels"] = new JsonArray(img.Pixels.Select(p => (JsonNode?)(int)p).ToArray()),
            };
        var root = new JsonObject
        {
            ["format"] = Format,
            ["observation"] = obs,
            ["action"] = new JsonArray(Actions.Select(a => (JsonNode?)new JsonArray(a.Select(x => (JsonNode?)x).ToArray())).ToArray()),
        };
        if (Task.Length > 0) root["task"] = Task;
        AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private static double[] Numbers(JsonArray a, string where, Func<string, InvalidDataException> bad) =>
        a.Select(v => v is JsonValue n && n.TryGetValue<double>(out var d) ? d : throw bad($"{where} holds a non-number")).ToArray();
}
