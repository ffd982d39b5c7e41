using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Parquet;
using Harness.Datasets.Video;

namespace Harness.Datasets.Writing;

/// <summary>
/// LeRobot v2.1: one parquet and one MP4 per camera per episode (chunks of chunks_size episodes),
/// metadata as JSON lines (episodes, tasks, episodes_stats with min/max/mean/std/count).
/// </summary>
internal sealed class V21Layout : IDatasetLayout
{
    public const string DataPath = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";
    public const string VideoPath = "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";

    private readonly string _root;
    private readonly DatasetSpec _spec;
    private readonly DatasetWriterOptions _options;
    private readonly VideoCodecChoice? _codec;

    public V21Layout(string root, DatasetSpec spec, DatasetWriterOptions options, VideoCodecChoice? codec)
    {
        _root = root;
        _spec = spec;
        _options = options;
        _codec = codec;
    }

    private FileSlot Slot(string template, int episodeIndex, string? videoKey = null)
    {
        int chunk = episodeIndex / _options.ChunksSize;
        var values = new Dictionary<string, object> { ["episode_chunk"] = chunk, ["episode_index"] = episodeIndex };
        if (videoKey is not null) values["video_key"] = videoKey;
        return new FileSlot(chunk, episodeIndex, PathTemplate.Format(template, values));
    }

    public FileSlot WriteData(int episodeIndex, IReadOnlyList<ColumnValues> rows)
    {
        var slot = Slot(DataPath, episodeIndex);
        string path = Path.Combine(_root, slot.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ParquetTableWriter.Write(path, rows, DataColumns.HuggingFaceMetadata(_spec.Features.Concat(DefaultFeatures.All).ToArray()));
        return slot;
    }

    public VideoSlot WriteVideo(int episodeIndex, FeatureInfo camera, FrameSpool frames)
    {
        var slot = Slot(VideoPath, episodeIndex, camera.Name);
        string path = Path.Combine(_root, slot.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var encoder = new CameraVideoEncoder(path, camera.Shape[0], camera.Shape[1], _spec.Fps, _codec!);
        frames.ForEach(f => encoder.Write(f.Span));
        encoder.Finish();
        return new VideoSlot(slot, 0, (double)frames.Count / _spec.Fps);
    }

    public void Finish(DatasetInfo info, IReadOnlyList<RecordedEpisode> episodes, IReadOnlyList<DatasetTask> tasks, DatasetStats stats)
    {
        string meta = Path.Combine(_root, "meta");
        File.WriteAllLines(Path.Combine(_root, DatasetReader.TasksJsonl),
            tasks.Select(t => Json.Line(new JsonObject { ["task_index"] = t.Index, ["task"] = t.Text })));
        File.WriteAllLines(Path.Combine(_root, DatasetReader.EpisodesJsonl),
            episodes.Select(e => Json.Line(new JsonObject { ["episode_index"] = e.Index, ["tasks"] = new JsonArray(e.Task), ["length"] = e.Length })));
        File.WriteAllLines(Path.Combine(_root, DatasetReader.EpisodesStatsJsonl),
            episodes.Select(e => Json.Line(new JsonObject { ["episode_index"] = e.Index, ["stats"] = StatsJson.ToNode(e.Stats, withQuantiles: false) })));
        File.WriteAllText(Path.Combine(meta, "stats.json"), StatsJson.ToJson(stats, withQuantiles: false));
        File.WriteAllText(Path.Combine(_root, InfoJson.RelativePath), InfoJson.ToJson(info));
    }

    public void Dispose() { }
}
