using System.Text.Json.Nodes;
using Harness.Datasets.Parquet;

namespace Harness.Datasets.Format;

/// <summary>
/// Opens a LeRobot dataset folder (v3.0, v2.1, v2.0). <see cref="Open"/> refuses any metadata it
/// cannot read; <see cref="OpenLenient"/> keeps going and lists what it could not read, for inspection.
/// A missing or unreadable meta/info.json always throws: without it nothing can be interpreted.
/// </summary>
public static class DatasetReader
{
    public const string EpisodesDir = "meta/episodes";
    public const string TasksParquet = "meta/tasks.parquet";
    public const string EpisodesJsonl = "meta/episodes.jsonl";
    public const string TasksJsonl = "meta/tasks.jsonl";
    public const string EpisodesStatsJsonl = "meta/episodes_stats.jsonl";

    public static LeRobotDataset Open(string root) => Load(root, strict: true);

    public static LeRobotDataset OpenLenient(string root) => Load(root, strict: false);

    private static LeRobotDataset Load(string root, bool strict)
    {
        root = Path.GetFullPath(root);
        var info = InfoJson.Read(root);
        var issues = new List<DatasetIssue>();
        void Issue(string file, string message)
        {
            if (strict) throw new DatasetFormatException(file, message);
            issues.Add(new DatasetIssue(file, message));
        }
        T? Try<T>(Func<T?> read) where T : class
        {
            try { return read(); }
            catch (DatasetFormatException e) when (!strict)
            {
                issues.Add(new DatasetIssue(e.File, e.Message[(e.File.Length + 2)..]));
                return null;
            }
        }

        DatasetStats? stats = Try(() => StatsJson.ReadIfPresent(root));
        if (info.Version == DatasetVersion.V30)
        {
            var tasks = Try(() => ReadTasksParquet(root, Issue)) ?? [];
            var (episodes, episodeStats) = ReadEpisodesParquet(root, info, Issue, strict);
            return new LeRobotDataset(root, info, episodes, tasks, stats, episodeStats, issues);
        }
        else
        {
            var tasks = Try(() => ReadTasksJsonl(root, Issue)) ?? [];
            var episodes = Try(() => ReadEpisodesJsonl(root, info, Issue)) ?? [];
            var episodeStats = info.Version == DatasetVersion.V21 ? Try(() => ReadEpisodesStatsJsonl(root)) : null;
            return new LeRobotDataset(root, info, episodes, tasks, stats, episodeStats ?? new Dictionary<int, DatasetStats>(), issues);
        }
    }

    private static IReadOnlyList<DatasetTask> ReadTasksParquet(string root, Action<string, string> issue)
    {
        string path = Path.Combine(root, TasksParquet);
        if (!File.Exists(path)) { issue(path, "not found; a v3.0 dataset lists its tasks here (task text + task_index)."); return []; }
        using var r = ParquetTableReader.Open(path);
        // pandas writes the task text (the frame's index) as '__index_level_0__', or 'task' when the index is named.
        string? textColumn = new[] { "__index_level_0__", "task" }.FirstOrDefault(r.HasColumn);
        if (textColumn is null)
            throw new DatasetFormatException(path, $"has no task text column ('__index_level_0__' or 'task'); its columns are {string.Join(", ", r.Columns.Select(c => c.Name))}.");
        var texts = r.ReadStrings(textColumn);
        var indices = r.ReadInt64("task_index");
        return texts.Select((t, i) => new DatasetTask((int)indices[i], t ?? "")).OrderBy(t => t.Index).ToArray();
    }

    private static (IReadOnlyList<Episode>, IReadOnlyDictionary<int, DatasetStats>) ReadEpisodesParquet(
        string root, DatasetInfo info, Action<string, string> issue, bool strict)
    {
        string dir = Path.Combine(root, EpisodesDir);
        var files = Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            issue(dir, "no episode metadata (meta/episodes/chunk-XXX/file-XXX.parquet); a v3.0 dataset describes its episodes there.");
            return ([], new Dictionary<int, DatasetStats>());
        }
        var episodes = new List<Episode>();
        var stats = new Dictionary<int, DatasetStats>();
        foreach (var file in files)
        {
            try
            {
                using var r = ParquetTableReader.Open(file);
                var index = r.ReadInt64("episode_index");
                var length = r.ReadInt64("length");
                var tasks = r.HasColumn("tasks") ? r.ReadStringLists("tasks") : index.Select(_ => Array.Empty<string>()).ToArray();
                var chunk = r.ReadInt64("data/chunk_index");
                var fileIndex = r.ReadInt64("data/file_index");
                var from = r.ReadInt64("dataset_from_index");
                var to = r.ReadInt64("dataset_to_index");
                var videos = new Dictionary<string, (long[] Chunk, long[] File, double[] From, double[] To)>();
                foreach (var v in info.VideoFeatures)
                {
                    string p = $"videos/{v.Name}/";
                    if (!r.HasColumn(p + "chunk_index"))
                    {
                        issue(file, $"has no '{p}chunk_index' column for video feature '{v.Name}'.");
                        continue;
                    }
                    videos[v.Name] = (r.ReadInt64(p + "chunk_index"), r.ReadInt64(p + "file_index"), r.ReadDouble(p + "from_timestamp"), r.ReadDouble(p + "to_timestamp"));
                }
                var episodeStats = EpisodeStatsColumns.Read(r, info);
                for (int i = 0; i < index.Length; i++)
                {
                    var vids = videos.ToDictionary(p => p.Key, p => new EpisodeVideo(
                        VideoPathV3(info, p.Key, p.Value.Chunk[i], p.Value.File[i]), p.Value.From[i], p.Value.To[i]));
                    string data = PathTemplate.Format(info.DataPath, new Dictionary<string, object> { ["chunk_index"] = chunk[i], ["file_index"] = fileIndex[i] });
                    episodes.Add(new Episode((int)index[i], tasks[i], (int)length[i], data, from[i], to[i], vids));
                    if (episodeStats[i] is { } s) stats[(int)index[i]] = s;
                }
            }
            catch (DatasetFormatException e) when (!strict)
            {
                issue(e.File, e.Message[(e.File.Length + 2)..]);
            }
        }
        return (episodes.OrderBy(e => e.Index).ToArray(), stats);
    }

    private static string VideoPathV3(DatasetInfo info, string key, long chunk, long file) =>
        PathTemplate.Format(info.VideoPath ?? "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4",
            new Dictionary<string, object> { ["video_key"] = key, ["chunk_index"] = chunk, ["file_index"] = file });

    private static IReadOnlyList<DatasetTask> ReadTasksJsonl(string root, Action<string, string> issue)
    {
        string path = Path.Combine(root, TasksJsonl);
        if (!File.Exists(path)) { issue(path, "not found; a v2.x dataset lists its tasks here ({\"task_index\", \"task\"} per line)."); return []; }
        return Json.ReadLines(path)
            .Select(o => new DatasetTask(o["task_index"]?.GetValue<int>() ?? throw new DatasetFormatException(path, "a line has no task_index."),
                o["task"]?.GetValue<string>() ?? ""))
            .OrderBy(t => t.Index).ToArray();
    }

    private static IReadOnlyList<Episode> ReadEpisodesJsonl(string root, DatasetInfo info, Action<string, string> issue)
    {
        string path = Path.Combine(root, EpisodesJsonl);
        if (!File.Exists(path)) { issue(path, "not found; a v2.x dataset lists its episodes here ({\"episode_index\", \"tasks\", \"length\"} per line)."); return []; }
        var lines = Json.ReadLines(path)
            .Select(o => (Index: o["episode_index"]?.GetValue<int>() ?? throw new DatasetFormatException(path, "a line has no episode_index."),
                Tasks: (o["tasks"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToArray() ?? [],
                Length: o["length"]?.GetValue<int>() ?? throw new DatasetFormatException(path, "a line has no length.")))
            .OrderBy(e => e.Index).ToArray();
        var episodes = new List<Episode>();
        long from = 0;
        foreach (var (index, tasks, length) in lines)
        {
            var values = new Dictionary<string, object> { ["episode_chunk"] = index / info.ChunksSize, ["episode_index"] = index };
            var vids = new Dictionary<string, EpisodeVideo>();
            if (info.VideoPath is not null)
                foreach (var v in info.VideoFeatures)
                    vids[v.Name] = new EpisodeVideo(PathTemplate.Format(info.VideoPath, new Dictionary<string, object>(values) { ["video_key"] = v.Name }), 0, (double)length / info.Fps);
            episodes.Add(new Episode(index, tasks, length, PathTemplate.Format(info.DataPath, values), from, from + length, vids));
            from += length;
        }
        return episodes;
    }

    private static IReadOnlyDictionary<int, DatasetStats> ReadEpisodesStatsJsonl(string root)
    {
        string path = Path.Combine(root, EpisodesStatsJsonl);
        // Optional for reading frames; inspection reports its absence.
        if (!File.Exists(path)) return new Dictionary<int, DatasetStats>();
        return Json.ReadLines(path).ToDictionary(
            o => o["episode_index"]?.GetValue<int>() ?? throw new DatasetFormatException(path, "a line has no episode_index."),
            o => StatsJson.FromNode(o["stats"] as JsonObject ?? throw new DatasetFormatException(path, "a line has no stats object."), path));
    }
}
