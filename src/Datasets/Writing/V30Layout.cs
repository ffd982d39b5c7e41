using Harness.Datasets.Format;
using Harness.Datasets.Parquet;
using Harness.Datasets.Video;

namespace Harness.Datasets.Writing;

/// <summary>
/// LeRobot v3.0: episodes appended to data/chunk-XXX/file-XXX.parquet (one row group each, a new
/// file past data_files_size_in_mb) and to one MP4 per camera (a new file past
/// video_files_size_in_mb); episode metadata with per-episode statistics in meta/episodes/.
/// </summary>
internal sealed class V30Layout : IDatasetLayout
{
    public const string DataPath = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
    public const string VideoPath = "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4";
    public const string EpisodesPath = "meta/episodes/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";

    private readonly string _root;
    private readonly DatasetSpec _spec;
    private readonly DatasetWriterOptions _options;
    private readonly VideoCodecChoice? _codec;
    private ParquetTableWriter? _data;
    private FileSlot _dataSlot = new(0, 0, "");
    private readonly Dictionary<string, (CameraVideoEncoder Encoder, FileSlot Slot)> _videos = new();

    public V30Layout(string root, DatasetSpec spec, DatasetWriterOptions options, VideoCodecChoice? codec)
    {
        _root = root;
        _spec = spec;
        _options = options;
        _codec = codec;
    }

    public static FileSlot Slot(string template, int chunk, int file, string? videoKey = null)
    {
        var values = new Dictionary<string, object> { ["chunk_index"] = chunk, ["file_index"] = file };
        if (videoKey is not null) values["video_key"] = videoKey;
        return new FileSlot(chunk, file, PathTemplate.Format(template, values));
    }

    private FileSlot Next(FileSlot s, string template, string? videoKey = null) =>
        s.File + 1 >= _options.ChunksSize ? Slot(template, s.Chunk + 1, 0, videoKey) : Slot(template, s.Chunk, s.File + 1, videoKey);

    public FileSlot WriteData(int episodeIndex, IReadOnlyList<ColumnValues> rows)
    {
        if (_data is not null && _data.BytesWritten >= _options.DataFilesSizeInMb * 1024L * 1024L)
        {
            _data.Close();
            _data = null;
            _dataSlot = Next(_dataSlot, DataPath);
        }
        if (_data is null)
        {
            if (_dataSlot.RelativePath.Length == 0) _dataSlot = Slot(DataPath, 0, 0);
            string path = Path.Combine(_root, _dataSlot.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _data = new ParquetTableWriter(path, DataColumns.HuggingFaceMetadata(Features()));
        }
        _data.WriteRowGroup(rows);
        return _dataSlot;
    }

    private IReadOnlyList<FeatureInfo> Features() => _spec.Features.Concat(DefaultFeatures.All).ToArray();

    // Called for several cameras at once (one thread each): only the encoder table is shared.
    public VideoSlot WriteVideo(int episodeIndex, FeatureInfo camera, FrameSpool frames)
    {
        (CameraVideoEncoder Encoder, FileSlot Slot) entry;
        lock (_videos)
        {
            if (_videos.TryGetValue(camera.Name, out var open) && File.Exists(open.Encoder.Path)
                && new FileInfo(open.Encoder.Path).Length >= _options.VideoFilesSizeInMb * 1024L * 1024L)
            {
                open.Encoder.Finish();
                open.Encoder.Dispose();
                var next = Next(open.Slot, VideoPath, camera.Name);
                _videos[camera.Name] = (Start(camera, next), next);
            }
            else if (!_videos.ContainsKey(camera.Name))
            {
                var slot = Slot(VideoPath, 0, 0, camera.Name);
                _videos[camera.Name] = (Start(camera, slot), slot);
            }
            entry = _videos[camera.Name];
        }
        var (encoder, fileSlot) = entry;
        double from = (double)encoder.Frames / _spec.Fps;
        frames.ForEach(f => encoder.Write(f.Span));
        return new VideoSlot(fileSlot, from, (double)encoder.Frames / _spec.Fps);
    }

    private CameraVideoEncoder Start(FeatureInfo camera, FileSlot slot)
    {
        string path = Path.Combine(_root, slot.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new CameraVideoEncoder(path, camera.Shape[0], camera.Shape[1], _spec.Fps, _codec!);
    }

    public void Finish(DatasetInfo info, IReadOnlyList<RecordedEpisode> episodes, IReadOnlyList<DatasetTask> tasks, DatasetStats stats)
    {
        _data?.Close();
        foreach (var (encoder, _) in _videos.Values) encoder.Finish();
        TasksParquet.Write(Path.Combine(_root, DatasetReader.TasksParquet), tasks);
        WriteEpisodes(episodes);
        File.WriteAllText(Path.Combine(_root, StatsJson.RelativePath), StatsJson.ToJson(stats));
        File.WriteAllText(Path.Combine(_root, InfoJson.RelativePath), InfoJson.ToJson(info));
    }

    // Column order as LeRobot's save_episode builds the row: identity, data slot, videos, stats, metadata slot.
    private void WriteEpisodes(IReadOnlyList<RecordedEpisode> episodes)
    {
        var slot = Slot(EpisodesPath, 0, 0);
        var columns = new List<ColumnValues>
        {
            new Int64Values("episode_index", episodes.Select(e => (long)e.Index).ToArray()),
            new StringListValues("tasks", episodes.Select(e => new[] { e.Task }).ToArray()),
            new Int64Values("length", episodes.Select(e => (long)e.Length).ToArray()),
            new Int64Values("data/chunk_index", episodes.Select(e => (long)e.Data.Chunk).ToArray()),
            new Int64Values("data/file_index", episodes.Select(e => (long)e.Data.File).ToArray()),
            new Int64Values("dataset_from_index", episodes.Select(e => e.FromIndex).ToArray()),
            new Int64Values("dataset_to_index", episodes.Select(e => e.FromIndex + e.Length).ToArray()),
        };
        foreach (var camera in _spec.Features.Where(f => f.IsVideo))
        {
            string p = $"videos/{camera.Name}/";
            columns.Add(new Int64Values(p + "chunk_index", episodes.Select(e => (long)e.Videos[camera.Name].Slot.Chunk).ToArray()));
            columns.Add(new Int64Values(p + "file_index", episodes.Select(e => (long)e.Videos[camera.Name].Slot.File).ToArray()));
            columns.Add(new Float64Values(p + "from_timestamp", episodes.Select(e => e.Videos[camera.Name].FromTimestamp).ToArray()));
            columns.Add(new Float64Values(p + "to_timestamp", episodes.Select(e => e.Videos[camera.Name].ToTimestamp).ToArray()));
        }
        columns.AddRange(EpisodeStatsColumns.Columns(episodes.Select(e => e.Stats).ToArray(), Features().Select(f => f.Name)));
        columns.Add(new Int64Values("meta/episodes/chunk_index", episodes.Select(_ => (long)slot.Chunk).ToArray()));
        columns.Add(new Int64Values("meta/episodes/file_index", episodes.Select(_ => (long)slot.File).ToArray()));
        string path = Path.Combine(_root, slot.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ParquetTableWriter.Write(path, columns);
    }

    public void Dispose()
    {
        _data?.Dispose();
        foreach (var (encoder, _) in _videos.Values) encoder.Dispose();
    }
}
