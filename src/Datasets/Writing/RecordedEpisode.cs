using Harness.Datasets.Format;

namespace Harness.Datasets.Writing;

/// <summary>An episode the writer has stored: where its rows and videos went, and its statistics.</summary>
internal sealed record RecordedEpisode(
    int Index,
    string Task,
    int Length,
    long FromIndex,
    FileSlot Data,
    IReadOnlyDictionary<string, VideoSlot> Videos,
    DatasetStats Stats);

/// <summary>A chunk/file position (v3.0) and the file's path relative to the dataset root.</summary>
internal sealed record FileSlot(int Chunk, int File, string RelativePath);

internal sealed record VideoSlot(FileSlot Slot, double FromTimestamp, double ToTimestamp);

/// <summary>Where one layout (v3.0, v2.1) puts rows, videos and metadata.</summary>
internal interface IDatasetLayout : IDisposable
{
    FileSlot WriteData(int episodeIndex, IReadOnlyList<Parquet.ColumnValues> rows);

    VideoSlot WriteVideo(int episodeIndex, FeatureInfo camera, FrameSpool frames);

    /// <summary>Closes open files and writes the metadata of everything recorded.</summary>
    void Finish(DatasetInfo info, IReadOnlyList<RecordedEpisode> episodes, IReadOnlyList<DatasetTask> tasks, DatasetStats stats);
}
