using Harness.Datasets.Format;
using Harness.Datasets.Parquet;

namespace Harness.Datasets.Inspection;

/// <summary>
/// Checks a dataset against itself without stopping at the first problem: metadata totals, files
/// that are missing or unreadable, rows per episode against the episode lengths, frame indices and
/// timestamps, columns against the features, videos, statistics. Only a missing or unreadable
/// meta/info.json throws (nothing can be interpreted without it).
/// </summary>
public static class DatasetInspector
{
    public const double TimestampTolerance = 1e-4;

    public static InspectionReport Inspect(string root)
    {
        var ds = DatasetReader.OpenLenient(root);
        var issues = new List<DatasetIssue>(ds.Issues);
        string infoFile = ds.FullPath(InfoJson.RelativePath);
        var info = ds.Info;

        if (ds.Episodes.Count != info.TotalEpisodes)
            issues.Add(new(infoFile, $"total_episodes is {info.TotalEpisodes}; the episode metadata lists {ds.Episodes.Count}."));
        long sum = ds.Episodes.Sum(e => (long)e.Length);
        if (ds.Episodes.Count > 0 && sum != info.TotalFrames)
            issues.Add(new(infoFile, $"total_frames is {info.TotalFrames}; the episode lengths add up to {sum}."));
        if (ds.Tasks.Count != info.TotalTasks)
            issues.Add(new(infoFile, $"total_tasks is {info.TotalTasks}; {ds.Tasks.Count} task(s) are listed."));
        var gaps = Enumerable.Range(0, ds.Episodes.Count).Except(ds.Episodes.Select(e => e.Index)).ToArray();
        if (gaps.Length > 0)
            issues.Add(new(infoFile, $"episode indices are not 0..{ds.Episodes.Count - 1}: missing {IndexRanges.Format(gaps)}."));
        var unknownTasks = ds.Episodes.SelectMany(e => e.Tasks).Distinct().Where(t => ds.Tasks.All(x => x.Text != t)).ToArray();
        if (unknownTasks.Length > 0 && ds.Tasks.Count > 0)
            issues.Add(new(infoFile, $"episodes name task(s) not in the task list: {string.Join("; ", unknownTasks.Select(t => $"\"{t}\""))}."));

        var found = CheckData(ds, issues);
        CheckVideos(ds, issues);
        CheckStats(ds, issues);

        var episodes = ds.Episodes.Select(e => new EpisodeCheck(e.Index, e.Length, found.GetValueOrDefault(e.Index), e.DataFile)).ToArray();
        return new InspectionReport(ds.Root, info, ds.Tasks, episodes, issues);
    }

    private static Dictionary<int, int?> CheckData(LeRobotDataset ds, List<DatasetIssue> issues)
    {
        var found = new Dictionary<int, int?>();
        var missing = new List<Episode>();
        foreach (var group in ds.Episodes.GroupBy(e => e.DataFile))
        {
            string path = ds.FullPath(group.Key);
            if (!File.Exists(path)) { missing.AddRange(group); continue; }
            try
            {
                using var r = ParquetTableReader.Open(path);
                CheckColumns(ds, r, issues);
                var episodeIndex = r.ReadInt64(DefaultFeatures.EpisodeIndex);
                var frameIndex = r.HasColumn(DefaultFeatures.FrameIndex) ? r.ReadInt64(DefaultFeatures.FrameIndex) : null;
                var timestamps = r.HasColumn(DefaultFeatures.Timestamp) ? r.ReadDouble(DefaultFeatures.Timestamp) : null;
                var index = r.HasColumn(DefaultFeatures.Index) ? r.ReadInt64(DefaultFeatures.Index) : null;
                foreach (var e in group)
                {
                    var rows = Enumerable.Range(0, episodeIndex.Length).Where(i => episodeIndex[i] == e.Index).ToArray();
                    found[e.Index] = rows.Length;
                    if (rows.Length != e.Length)
                        issues.Add(new(path, $"episode {e.Index} has {rows.Length} rows; the episode metadata says length {e.Length}."));
                    CheckFrames(ds, e, rows, frameIndex, timestamps, index, path, issues);
                }
                var others = episodeIndex.Distinct().Where(i => group.All(e => e.Index != i)).Select(i => (int)i).ToArray();
                if (others.Length > 0)
                    issues.Add(new(path, $"holds rows of episode(s) {IndexRanges.Format(others)}, which the metadata places elsewhere or not at all."));
            }
            catch (DatasetFormatException e)
            {
                issues.Add(new(e.File, e.Message[(e.File.Length + 2)..]));
            }
        }
        if (missing.Count > 0)
            issues.Add(new(ds.Root, $"{missing.Count} of {ds.Episodes.Count} episodes have no data file (episodes {IndexRanges.Format(missing.Select(e => e.Index))}); first missing: {missing[0].DataFile}."));
        return found;
    }

    private static void CheckFrames(LeRobotDataset ds, Episode e, int[] rows, long[]? frameIndex, double[]? timestamps, long[]? index, string path, List<DatasetIssue> issues)
    {
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            if (frameIndex is not null && frameIndex[r] != k)
            {
                issues.Add(new(path, $"episode {e.Index}: frame_index {frameIndex[r]} at its row {k}; expected frame indices 0..{rows.Length - 1} in order."));
                return;
            }
            if (timestamps is not null && Math.Abs(timestamps[r] - (double)k / ds.Fps) > TimestampTolerance)
            {
                issues.Add(new(path, $"episode {e.Index}: timestamp {timestamps[r]:0.######} s at frame {k}; at {ds.Fps} fps it should be {(double)k / ds.Fps:0.######} s (tolerance {TimestampTolerance} s)."));
                return;
            }
            if (index is not null && index[r] != e.FromIndex + k)
            {
                issues.Add(new(path, $"episode {e.Index}: global index {index[r]} at frame {k}; the metadata's range starts at {e.FromIndex}."));
                return;
            }
        }
    }

    private static void CheckColumns(LeRobotDataset ds, ParquetTableReader r, List<DatasetIssue> issues)
    {
        foreach (var f in ds.Info.ColumnFeatures)
        {
            if (!r.HasColumn(f.Name)) { issues.Add(new(r.Path, $"has no column '{f.Name}' ({f.DType} {f.ShapeText} in meta/info.json).")); continue; }
            var col = r.Column(f.Name);
            string expected = f.IsImage ? "image" : f.DType;
            string actual = col.Kind == ParquetColumnKind.ImageStruct ? "image" : col.ElementDType;
            if (expected != actual && !(expected == "bool" && actual == "bool"))
            {
                issues.Add(new(r.Path, $"column '{f.Name}' is {col.Describe()}; meta/info.json says {f.DType} {f.ShapeText}."));
                continue;
            }
            if (!f.IsImage && f.Size > 1)
            {
                var lists = r.ReadNumericLists(f.Name);
                int width = lists.UniformLength();
                if (width != f.Size)
                    issues.Add(new(r.Path, width < 0
                        ? $"column '{f.Name}' has rows of different lengths; meta/info.json says {f.ShapeText}."
                        : $"column '{f.Name}' has {width} value(s) per row; meta/info.json says shape {f.ShapeText}."));
            }
        }
        var known = ds.Info.Features.Select(f => f.Name).ToHashSet();
        var extra = r.Columns.Select(c => c.Name).Where(n => !known.Contains(n)).ToArray();
        if (extra.Length > 0)
            issues.Add(new(r.Path, $"has column(s) not in meta/info.json's features: {string.Join(", ", extra)}."));
    }

    private static void CheckVideos(LeRobotDataset ds, List<DatasetIssue> issues)
    {
        foreach (var feature in ds.Info.VideoFeatures)
        {
            var missing = new List<(Episode Episode, string File)>();
            foreach (var e in ds.Episodes)
            {
                if (!e.Videos.TryGetValue(feature.Name, out var v)) continue;
                if (!File.Exists(ds.FullPath(v.File))) { missing.Add((e, v.File)); continue; }
                double span = v.ToTimestamp - v.FromTimestamp;
                if (ds.Version == DatasetVersion.V30 && Math.Abs(span - (double)e.Length / ds.Fps) > 1.0 / ds.Fps)
                    issues.Add(new(ds.FullPath(v.File), $"episode {e.Index}: video span {span:0.###} s for {e.Length} frames at {ds.Fps} fps ({(double)e.Length / ds.Fps:0.###} s)."));
            }
            if (missing.Count > 0)
                issues.Add(new(ds.Root, $"camera '{feature.Name}': {missing.Count} of {ds.Episodes.Count} episodes have no video file (episodes {IndexRanges.Format(missing.Select(m => m.Episode.Index))}); first missing: {missing[0].File}."));
        }
    }

    private static void CheckStats(LeRobotDataset ds, List<DatasetIssue> issues)
    {
        string perEpisode = ds.FullPath(DatasetReader.EpisodesStatsJsonl);
        if (ds.Version == DatasetVersion.V21 && !File.Exists(perEpisode))
            issues.Add(new(perEpisode, "not found; a v2.1 dataset keeps per-episode statistics here (LeRobot's v2.1 loader reads them; `harness dataset stats DIR` recomputes meta/stats.json)."));
        string path = ds.FullPath(StatsJson.RelativePath);
        if (ds.Stats is null)
        {
            if (File.Exists(path)) return; // unreadable: already reported by the reader
            issues.Add(new(path, "not found; policies normalise with these statistics. Run `harness dataset stats DIR` to compute them."));
            return;
        }
        var without = ds.Info.Features.Where(f => ds.Stats[f.Name] is null).Select(f => f.Name).ToArray();
        if (without.Length > 0)
            issues.Add(new(path, $"has no statistics for {string.Join(", ", without)}."));
    }
}
