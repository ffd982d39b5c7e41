using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Datasets.Format;

/// <summary>Reads and writes meta/info.json as LeRobot does (indent 4, its key order).</summary>
public static class InfoJson
{
    public const string RelativePath = "meta/info.json";

    public static DatasetInfo Read(string root)
    {
        string path = Path.Combine(root, RelativePath);
        if (!File.Exists(path))
            throw new DatasetFormatException(path, Directory.Exists(root)
                ? "not found; a LeRobot dataset folder has meta/info.json. Point the command at the dataset's root folder (the one holding meta/ and data/)."
                : "not found: the dataset folder does not exist.");
        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new DatasetFormatException(path, "is not a JSON object; expected LeRobot's info.json.");
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, $"is not valid JSON ({e.Message}).", e);
        }

        string codebase = o["codebase_version"]?.GetValue<string>()
                          ?? throw new DatasetFormatException(path, "has no codebase_version; expected \"v3.0\", \"v2.1\" or \"v2.0\".");
        var version = DatasetVersions.TryParse(codebase)
                      ?? throw new DatasetFormatException(path, $"codebase_version is \"{codebase}\"; Harness reads v3.0, v2.1 and v2.0. " +
                          (codebase.TrimStart('v').StartsWith('1') ? "Convert v1.x datasets with LeRobot's conversion script to v2.1 first." : "Check the file, or upgrade Harness for newer layouts."));

        var featuresNode = o["features"] as JsonObject
                           ?? throw new DatasetFormatException(path, "has no \"features\" object.");
        var features = new List<FeatureInfo>();
        foreach (var (name, node) in featuresNode)
        {
            if (node is not JsonObject f) throw new DatasetFormatException(path, $"feature '{name}' is not an object.");
            string dtype = f["dtype"]?.GetValue<string>() ?? throw new DatasetFormatException(path, $"feature '{name}' has no dtype.");
            var shape = (f["shape"] as JsonArray)?.Select(x => x!.GetValue<int>()).ToArray()
                        ?? throw new DatasetFormatException(path, $"feature '{name}' has no shape list.");
            var info = f["info"] ?? f["video_info"];
            features.Add(new FeatureInfo(name, dtype, shape, FeatureNameList.FromJson(f["names"]), info?.ToJsonString()));
        }

        int Int(string key) => o[key] is JsonValue v && v.TryGetValue<int>(out int i) ? i
            : throw new DatasetFormatException(path, $"has no integer \"{key}\".");
        int? OptInt(string key) => o[key] is JsonValue v && v.TryGetValue<int>(out int i) ? i : null;

        int fps = o["fps"] is JsonValue fv && fv.TryGetValue<double>(out double fd) ? (int)Math.Round(fd)
            : throw new DatasetFormatException(path, "has no \"fps\".");
        if (fps <= 0) throw new DatasetFormatException(path, $"fps is {fps}; expected a positive frame rate.");

        var splits = (o["splits"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") ?? new Dictionary<string, string>();
        return new DatasetInfo(
            version, codebase, o["robot_type"]?.GetValue<string>(), fps,
            Int("total_episodes"), o["total_frames"]?.GetValue<long>() ?? throw new DatasetFormatException(path, "has no \"total_frames\"."),
            OptInt("total_tasks") ?? 0, OptInt("chunks_size") ?? 1000,
            o["data_path"]?.GetValue<string>() ?? throw new DatasetFormatException(path, "has no \"data_path\" template."),
            o["video_path"]?.GetValue<string>(),
            features, splits,
            OptInt("total_chunks"), OptInt("total_videos"), OptInt("data_files_size_in_mb"), OptInt("video_files_size_in_mb"));
    }

    public static string ToJson(DatasetInfo info)
    {
        var o = new JsonObject
        {
            ["codebase_version"] = info.CodebaseVersion,
            ["robot_type"] = info.RobotType,
            ["total_episodes"] = info.TotalEpisodes,
            ["total_frames"] = info.TotalFrames,
            ["total_tasks"] = info.TotalTasks,
        };
        if (info.TotalVideos is { } tv) o["total_videos"] = tv;
        if (info.TotalChunks is { } tc) o["total_chunks"] = tc;
        o["chunks_size"] = info.ChunksSize;
        if (info.DataFilesSizeInMb is { } ds) o["data_files_size_in_mb"] = ds;
        if (info.VideoFilesSizeInMb is { } vs) o["video_files_size_in_mb"] = vs;
        o["fps"] = info.Fps;
        o["splits"] = new JsonObject(info.Splits.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        o["data_path"] = info.DataPath;
        o["video_path"] = info.VideoPath;
        var features = new JsonObject();
        foreach (var f in info.Features)
        {
            var fo = new JsonObject
            {
                ["dtype"] = f.DType,
                ["shape"] = new JsonArray(f.Shape.Select(s => (JsonNode)s).ToArray()),
                ["names"] = f.Names is null ? null : JsonNode.Parse(f.Names.Json),
            };
            if (f.InfoJson is not null) fo["info"] = JsonNode.Parse(f.InfoJson);
            features[f.Name] = fo;
        }
        o["features"] = features;
        return Json.Indent4(o);
    }
}
