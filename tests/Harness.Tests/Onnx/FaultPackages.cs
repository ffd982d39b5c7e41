using System.Text.Json.Nodes;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

/// <summary>
/// Deliberately broken copies of a shipped policy package, one per fault class our users hit:
/// each edits exactly what the real bug edits (policy.json, stats.json, or the model's weights).
/// </summary>
internal static class FaultPackages
{
    public const string Base = "so101_state_mlp_80";

    /// <summary>A copy of the shipped package under <paramref name="root"/>/<paramref name="name"/>.</summary>
    public static string Copy(string root, string name)
    {
        string dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies", Base)))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    public static void EditJson(string dir, string file, Action<JsonObject> edit)
    {
        string path = Path.Combine(dir, file);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    public static void MapStats(JsonObject stats, string feature, Func<string, int, double, double> map)
    {
        foreach (var (key, node) in stats[feature]!.AsObject().ToList())
            if (key != "count" && node is JsonArray values)
                for (int i = 0; i < values.Count; i++) values[i] = map(key, i, values[i]!.GetValue<double>());
    }

    /// <summary>Actions never de-normalised: normalization.action removed (the model's z-scores go to the robot).</summary>
    public static string NeverDenormalised(string root) => Edit(root, "never_denormalised", d =>
        EditJson(d, "policy.json", p => p["normalization"]!.AsObject().Remove("action")));

    /// <summary>Observation statistics in radians while the robot reports degrees (the classic SO-101 change); the gripper stays 0-100.</summary>
    public static string StateStatsInRadians(string root) => Edit(root, "state_stats_radians", d =>
        EditJson(d, "stats.json", s => MapStats(s, "observation.state", (key, i, v) => i == 5 ? v : v * Math.PI / 180)));

    /// <summary>The normalisation mode flipped from mean_std to min_max for state and action.</summary>
    public static string ModeFlipped(string root) => Edit(root, "mode_flipped", d =>
        EditJson(d, "policy.json", p =>
        {
            p["normalization"]!["observation.state"] = "min_max";
            p["normalization"]!["action"] = "min_max";
        }));

    /// <summary>Two action dimensions swapped in the model's output (elbow_flex and wrist_flex): rows of the last layer exchanged.</summary>
    public static string SwappedActionDims(string root) => Edit(root, "swapped_action_dims", d =>
    {
        string model = Path.Combine(d, "model.onnx");
        var bytes = File.ReadAllBytes(model);
        const int a = 6, horizon = 10, j = 2, k = 3;
        var (wOffset, wLength) = OnnxInitializerBytes.Find(bytes, "w2"); // [horizon*a, hidden] floats, row per output
        int hidden = wLength / 4 / (horizon * a);
        var (bOffset, _) = OnnxInitializerBytes.Find(bytes, "b2");
        for (int t = 0; t < horizon; t++)
        {
            SwapRanges(bytes, wOffset + (t * a + j) * hidden * 4, wOffset + (t * a + k) * hidden * 4, hidden * 4);
            SwapRanges(bytes, bOffset + (t * a + j) * 4, bOffset + (t * a + k) * 4, 4);
        }
        File.WriteAllBytes(model, bytes);
    });

    /// <summary>A near-zero std on one environment feature (the cube's x), which a probe at the training mean never exercises.</summary>
    public static string NearZeroStd(string root) => Edit(root, "near_zero_std", d =>
        EditJson(d, "stats.json", s => MapStats(s, "observation.environment_state", (key, i, v) => key == "std" && i == 0 ? 1e-3 : v)));

    /// <summary>
    /// Action statistics of two joints swapped in stats.json: elbow_flex and wrist_flex, whose means lie
    /// 70 deg apart in the official scene's demonstrations (shoulder_lift and elbow_flex overlap within 1.1 std).
    /// </summary>
    public static string SwappedActionStats(string root) => Edit(root, "swapped_action_stats", d =>
        EditJson(d, "stats.json", s =>
        {
            foreach (var (key, node) in s["action"]!.AsObject().ToList())
                if (key != "count" && node is JsonArray v) (v[2], v[3]) = (v[3]!.DeepClone(), v[2]!.DeepClone());
        }));

    /// <summary>Impossible statistics: min above max for one state joint.</summary>
    public static string MinAboveMax(string root) => Edit(root, "min_above_max", d =>
        EditJson(d, "stats.json", s => MapStats(s, "observation.state", (key, i, v) => key == "min" && i == 0 ? 500 : v)));

    /// <summary>n_action_steps larger than the model's chunk (10).</summary>
    public static string ActionStepsBeyondChunk(string root) => Edit(root, "n_action_steps_50", d =>
        EditJson(d, "policy.json", p => p["n_action_steps"] = 50));

    /// <summary>A policy trained at another control rate.</summary>
    public static string OtherFps(string root, double fps) => Edit(root, "other_fps", d =>
        EditJson(d, "policy.json", p => p["fps"] = fps));

    private static string Edit(string root, string name, Action<string> edit)
    {
        var dir = Copy(root, name);
        edit(dir);
        return dir;
    }

    private static void SwapRanges(byte[] b, int x, int y, int n)
    {
        var tmp = b.AsSpan(x, n).ToArray();
        b.AsSpan(y, n).CopyTo(b.AsSpan(x, n));
        tmp.CopyTo(b.AsSpan(y, n));
    }
}

/// <summary>Finds an initializer's raw_data bytes inside a serialized ONNX ModelProto (to edit weights in place).</summary>
internal static class OnnxInitializerBytes
{
    public static (int Offset, int Length) Find(byte[] model, string name)
    {
        foreach (var (field, start, length) in Fields(model, 0, model.Length))
        {
            if (field != 7) continue; // ModelProto.graph
            foreach (var (gf, gs, gl) in Fields(model, start, start + length))
            {
                if (gf != 5) continue; // GraphProto.initializer
                string? tensorName = null;
                (int, int)? raw = null;
                foreach (var (tf, ts, tl) in Fields(model, gs, gs + gl))
                {
                    if (tf == 8) tensorName = System.Text.Encoding.UTF8.GetString(model, ts, tl);
                    if (tf == 9) raw = (ts, tl);
                }
                if (tensorName == name && raw is { } r) return r;
            }
        }
        throw new KeyNotFoundException($"no initializer '{name}' with raw_data in the model.");
    }

    /// <summary>Length-delimited fields (field number, data start, length) of one message; other wire types are skipped.</summary>
    private static IEnumerable<(int Field, int Start, int Length)> Fields(byte[] b, int pos, int end)
    {
        while (pos < end)
        {
            ulong tag = Varint(b, ref pos);
            int field = (int)(tag >> 3), wire = (int)(tag & 7);
            switch (wire)
            {
                case 0: Varint(b, ref pos); break;
                case 1: pos += 8; break;
                case 5: pos += 4; break;
                case 2:
                    int len = (int)Varint(b, ref pos);
                    yield return (field, pos, len);
                    pos += len;
                    break;
                default: throw new InvalidDataException($"unexpected protobuf wire type {wire}.");
            }
        }
    }

    private static ulong Varint(byte[] b, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte x = b[pos++];
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return v;
        }
    }
}
