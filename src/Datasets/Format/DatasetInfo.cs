namespace Harness.Datasets.Format;

/// <summary>meta/info.json. v2.x-only fields (total_chunks, total_videos) and v3.0-only fields
/// (data/video file sizes) are null where the version has none.</summary>
public sealed record DatasetInfo(
    DatasetVersion Version,
    string CodebaseVersion,
    string? RobotType,
    int Fps,
    int TotalEpisodes,
    long TotalFrames,
    int TotalTasks,
    int ChunksSize,
    string DataPath,
    string? VideoPath,
    IReadOnlyList<FeatureInfo> Features,
    IReadOnlyDictionary<string, string> Splits,
    int? TotalChunks = null,
    int? TotalVideos = null,
    int? DataFilesSizeInMb = null,
    int? VideoFilesSizeInMb = null)
{
    public FeatureInfo? Feature(string name) => Features.FirstOrDefault(f => f.Name == name);

    public IEnumerable<FeatureInfo> VideoFeatures => Features.Where(f => f.IsVideo);

    public IEnumerable<FeatureInfo> ImageFeatures => Features.Where(f => f.IsImage);

    /// <summary>Features stored as parquet columns (everything but videos).</summary>
    public IEnumerable<FeatureInfo> ColumnFeatures => Features.Where(f => !f.IsVideo);
}
