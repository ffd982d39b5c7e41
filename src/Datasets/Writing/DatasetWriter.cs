using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Statistics;
using Harness.Datasets.Video;

namespace Harness.Datasets.Writing;

/// <summary>
/// Records a LeRobot dataset episode by episode: <see cref="BeginEpisode"/>, <see cref="AddFrame"/>
/// per step, then <see cref="EndEpisode"/> (kept) or <see cref="DiscardEpisode"/>; <see cref="Complete"/>
/// writes the metadata. Everything goes into a temporary folder beside the destination, renamed to
/// it only by <see cref="Complete"/>: a recording killed half way never looks like a dataset.
/// </summary>
public sealed class DatasetWriter : IDisposable
{
    private readonly DatasetSpec _spec;
    private readonly RecordFormat _format;
    private readonly DatasetWriterOptions _options;
    private readonly VideoCodecChoice? _codec;
    private readonly IDatasetLayout _layout;
    private readonly List<RecordedEpisode> _episodes = new();
    private readonly List<DatasetTask> _tasks = new();
    private EpisodeBuffer? _current;
    private long _frames;
    private bool _completed;

    private DatasetWriter(string root, string temp, DatasetSpec spec, RecordFormat format, DatasetWriterOptions options)
    {
        Root = root;
        TempRoot = temp;
        _spec = spec;
        _format = format;
        _options = options;
        _codec = spec.Features.Any(f => f.IsVideo) ? options.Codec ?? VideoCodecChoice.Best() : null;
        Directory.CreateDirectory(Path.Combine(temp, "meta"));
        Directory.CreateDirectory(SpoolDir);
        _layout = format == RecordFormat.V30
            ? new V30Layout(temp, spec, options, _codec)
            : new V21Layout(temp, spec, options, _codec);
    }

    /// <summary>The dataset folder once complete.</summary>
    public string Root { get; }

    /// <summary>Where the dataset is being written until <see cref="Complete"/> renames it.</summary>
    public string TempRoot { get; }

    public int Episodes => _episodes.Count;
    public string? Codec => _codec?.Codec;
    private string SpoolDir => Path.Combine(TempRoot, ".spool");

    public static DatasetWriter Create(string root, DatasetSpec spec, RecordFormat format = RecordFormat.V30, DatasetWriterOptions? options = null)
    {
        spec.Validate();
        options ??= new DatasetWriterOptions();
        root = Path.GetFullPath(root);
        if (File.Exists(root))
            throw new IOException($"{root} is a file; a dataset needs a folder path.");
        if (Directory.Exists(root) && !options.Overwrite)
            throw new IOException($"{root} already exists; choose a new folder for the dataset, or allow overwriting it.");
        string parent = Path.GetDirectoryName(root)!;
        Directory.CreateDirectory(parent);
        // Same parent, so the final rename is atomic and never crosses file systems.
        string temp = Path.Combine(parent, $".{Path.GetFileName(root)}.partial-{Guid.NewGuid().ToString("N")[..8]}");
        return new DatasetWriter(root, temp, spec, format, options);
    }

    public void BeginEpisode(string task)
    {
        if (_completed) throw new InvalidOperationException($"{Root} is complete; no more episodes can be added.");
        if (_current is not null) throw new InvalidOperationException("an episode is already being recorded; end or discard it first.");
        _current = new EpisodeBuffer(_spec, task, SpoolDir);
    }

    public void AddFrame(DatasetFrame frame) =>
        (_current ?? throw new InvalidOperationException("call BeginEpisode before adding frames.")).Add(frame);

    /// <summary>Stores the episode being recorded; returns its index.</summary>
    public int EndEpisode()
    {
        var e = _current ?? throw new InvalidOperationException("no episode is being recorded.");
        try
        {
            if (e.Length == 0) throw new InvalidOperationException("an episode needs at least one frame.");
            int index = _episodes.Count;
            int taskIndex = TaskIndex(e.Task);
            var data = _layout.WriteData(index, DataColumns.Build(_spec.Features, e, index, _frames, taskIndex));
            // Cameras are fed to their encoders at the same time, so their ffmpeg processes work in parallel.
            var cameras = _spec.Features.Where(f => f.IsVideo).ToArray();
            var slots = new VideoSlot[cameras.Length];
            try
            {
                Parallel.For(0, cameras.Length, i => slots[i] = _layout.WriteVideo(index, cameras[i], e.Spools[cameras[i].Name]));
            }
            catch (AggregateException ae) when (ae.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ae.InnerExceptions[0]).Throw();
            }
            var videos = cameras.Select((c, i) => (c.Name, slots[i])).ToDictionary(p => p.Name, p => p.Item2);
            var stats = EpisodeStatistics(e, index, taskIndex);
            _episodes.Add(new RecordedEpisode(index, e.Task, e.Length, _frames, data, videos, stats));
            _frames += e.Length;
            return index;
        }
        finally
        {
            e.Dispose();
            _current = null;
        }
    }

    public void DiscardEpisode()
    {
        _current?.Dispose();
        _current = null;
    }

    private int TaskIndex(string task)
    {
        var t = _tasks.FirstOrDefault(x => x.Text == task);
        if (t is not null) return t.Index;
        _tasks.Add(new DatasetTask(_tasks.Count, task));
        return _tasks.Count - 1;
    }

    private DatasetStats EpisodeStatistics(EpisodeBuffer e, int index, int taskIndex)
    {
        var stats = new Dictionary<string, Format.FeatureStats>();
        int n = e.Length;
        foreach (var f in _spec.Features)
        {
            if (f.IsVideo)
            {
                var spool = e.Spools[f.Name];
                stats[f.Name] = FeatureStatistics.OfImages(FeatureStatistics.SampleIndices(n).Select(spool.Read).ToArray());
            }
            else
            {
                var values = e.Vectors[f.Name].Select(v => (double)v).ToArray();
                stats[f.Name] = FeatureStatistics.OfVectors(values, n, f.Size, f.Shape);
            }
        }
        double[] Seq(Func<int, double> at) => Enumerable.Range(0, n).Select(at).ToArray();
        stats[DefaultFeatures.Timestamp] = FeatureStatistics.OfVectors(e.Timestamps.Select(t => (double)(float)t).ToArray(), n, 1, [1]);
        stats[DefaultFeatures.FrameIndex] = FeatureStatistics.OfVectors(Seq(i => i), n, 1, [1]);
        stats[DefaultFeatures.EpisodeIndex] = FeatureStatistics.OfVectors(Seq(_ => index), n, 1, [1]);
        stats[DefaultFeatures.Index] = FeatureStatistics.OfVectors(Seq(i => _frames + i), n, 1, [1]);
        stats[DefaultFeatures.TaskIndex] = FeatureStatistics.OfVectors(Seq(_ => taskIndex), n, 1, [1]);
        return new DatasetStats(stats);
    }

    /// <summary>Writes the metadata and moves the dataset into place; returns its folder.</summary>
    public string Complete()
    {
        if (_completed) return Root;
        if (_current is not null) throw new InvalidOperationException("an episode is still being recorded; end or discard it before completing the dataset.");
        if (_episodes.Count == 0)
        {
            Dispose();
            Directory.Delete(TempRoot, recursive: true);
            throw new InvalidOperationException($"no episode was kept, so no dataset was written to {Root}.");
        }
        _layout.Finish(Info(), _episodes, _tasks, StatsAggregator.Aggregate(_episodes.Select(e => e.Stats).ToArray()));
        _layout.Dispose();
        Directory.Delete(SpoolDir, recursive: true);
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); // only with Overwrite (checked at Create)
        Directory.Move(TempRoot, Root);
        _completed = true;
        return Root;
    }

    private DatasetInfo Info()
    {
        var features = _spec.Features.Select(f => f.IsVideo ? f with { InfoJson = VideoInfo(f) } : f).Concat(DefaultFeatures.All).ToArray();
        bool v3 = _format == RecordFormat.V30;
        bool videos = _spec.Features.Any(f => f.IsVideo);
        int cameras = _spec.Features.Count(f => f.IsVideo);
        return new DatasetInfo(
            v3 ? DatasetVersion.V30 : DatasetVersion.V21, v3 ? "v3.0" : "v2.1", _spec.RobotType, _spec.Fps,
            _episodes.Count, _frames, _tasks.Count, _options.ChunksSize,
            v3 ? V30Layout.DataPath : V21Layout.DataPath,
            videos ? (v3 ? V30Layout.VideoPath : V21Layout.VideoPath) : null,
            features,
            new Dictionary<string, string> { ["train"] = $"0:{_episodes.Count}" },
            TotalChunks: v3 ? null : (_episodes.Count - 1) / _options.ChunksSize + 1,
            TotalVideos: v3 ? null : _episodes.Count * cameras,
            DataFilesSizeInMb: v3 ? _options.DataFilesSizeInMb : null,
            VideoFilesSizeInMb: v3 ? _options.VideoFilesSizeInMb : null);
    }

    private string VideoInfo(FeatureInfo camera) => new JsonObject
    {
        ["video.height"] = camera.Shape[0],
        ["video.width"] = camera.Shape[1],
        ["video.codec"] = _codec!.Codec,
        ["video.pix_fmt"] = VideoCodecChoice.PixelFormat,
        ["video.is_depth_map"] = false,
        ["video.fps"] = _spec.Fps,
        ["video.channels"] = 3,
        ["has_audio"] = false,
    }.ToJsonString();

    /// <summary>Without <see cref="Complete"/>, the temporary folder stays as it is (never renamed).</summary>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        _layout.Dispose();
    }
}
