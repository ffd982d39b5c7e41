using Harness.Datasets.Parquet;

namespace Harness.Datasets.Format;

/// <summary>
/// Reads episodes' frames from a dataset's data files. A v3.0 file holds many episodes: its columns
/// are read once and kept while consecutive episodes come from the same file.
/// </summary>
public sealed class EpisodeFrameReader
{
    private readonly LeRobotDataset _dataset;
    private readonly IReadOnlyList<FeatureInfo> _features;
    private string? _cachedFile;
    private Dictionary<long, List<int>>? _rowsByEpisode;
    private readonly Dictionary<string, object> _columns = new();

    /// <param name="features">Features to read (default: every feature stored in parquet).</param>
    public EpisodeFrameReader(LeRobotDataset dataset, IEnumerable<string>? features = null)
    {
        _dataset = dataset;
        var wanted = features?.ToHashSet();
        _features = dataset.Info.ColumnFeatures.Where(f => wanted is null || wanted.Contains(f.Name)).ToArray();
        if (wanted is not null)
            foreach (var w in wanted)
                if (_features.All(f => f.Name != w))
                    throw new ArgumentException($"{dataset.Root}: no feature '{w}' stored in its data files; it has {string.Join(", ", dataset.Info.ColumnFeatures.Select(f => f.Name))}.");
    }

    public EpisodeFrames Read(int episodeIndex)
    {
        var episode = _dataset.Episode(episodeIndex);
        string path = _dataset.FullPath(episode.DataFile);
        if (path != _cachedFile && !File.Exists(path))
            throw new DatasetFormatException(path, $"not found; episode {episodeIndex}'s frames belong here (data_path \"{_dataset.Info.DataPath}\" in meta/info.json). The dataset copy is incomplete.");
        Load(path);

        if (!_rowsByEpisode!.TryGetValue(episodeIndex, out var rows))
            throw new DatasetFormatException(path, $"has no rows with episode_index {episodeIndex}; meta says the episode is here.");

        var columns = new Dictionary<string, FrameColumn>();
        foreach (var f in _features)
        {
            columns[f.Name] = _columns[f.Name] switch
            {
                FlatLists<float> fl => new Float32Column(f.Name, rows.Count, f.Size, Gather(fl, rows)),
                FlatLists<double> dl => new NumericColumn(f.Name, rows.Count, f.Size, Gather(dl, rows)),
                byte[]?[] img => new EncodedImageColumn(f.Name, rows.Count, rows.Select(r => img[r]).ToArray()),
                _ => throw new InvalidOperationException(),
            };
        }
        return new EpisodeFrames(episodeIndex, rows.Count, episode.DataFile, columns);
    }

    private void Load(string path)
    {
        if (_cachedFile == path) return;
        _columns.Clear();
        using var r = ParquetTableReader.Open(path);
        var episodeIndex = r.ReadInt64(DefaultFeatures.EpisodeIndex);
        _rowsByEpisode = new Dictionary<long, List<int>>();
        for (int i = 0; i < episodeIndex.Length; i++)
        {
            if (!_rowsByEpisode.TryGetValue(episodeIndex[i], out var list)) _rowsByEpisode[episodeIndex[i]] = list = new List<int>();
            list.Add(i);
        }
        foreach (var f in _features)
        {
            if (!r.HasColumn(f.Name))
                throw new DatasetFormatException(path, $"has no column '{f.Name}', which meta/info.json lists as a {f.DType} feature of shape {f.ShapeText}. Its columns are {string.Join(", ", r.Columns.Select(c => c.Name))}.");
            _columns[f.Name] = f.DType switch
            {
                FeatureInfo.Image => r.ReadImageBytes(f.Name),
                "float32" => CheckWidth(r.ReadFloat32Lists(f.Name), f, path),
                _ => CheckWidth(r.ReadNumericLists(f.Name), f, path),
            };
        }
        _cachedFile = path;
    }

    // Once per file: every row of a feature has the feature's size.
    private static FlatLists<T> CheckWidth<T>(FlatLists<T> f, FeatureInfo feature, string path)
    {
        int w = f.UniformLength();
        if (w != feature.Size)
            throw new DatasetFormatException(path, w < 0
                ? $"column '{feature.Name}' has rows of different lengths; meta/info.json says shape {feature.ShapeText}."
                : $"column '{feature.Name}' has {w} value(s) per row; meta/info.json says shape {feature.ShapeText} ({feature.Size}).");
        return f;
    }

    private static ReadOnlyMemory<T> Gather<T>(FlatLists<T> f, List<int> rows)
    {
        int w = f.Rows == 0 ? 0 : f.Length(rows[0]);
        bool contiguous = rows[^1] - rows[0] == rows.Count - 1;
        if (contiguous && f.Offsets[rows[^1] + 1] - f.Offsets[rows[0]] == rows.Count * w)
            return f.Values.AsMemory(f.Offsets[rows[0]], rows.Count * w);
        var result = new T[rows.Count * w];
        for (int i = 0; i < rows.Count; i++) f.Row(rows[i]).CopyTo(result.AsSpan(i * w));
        return result;
    }
}
