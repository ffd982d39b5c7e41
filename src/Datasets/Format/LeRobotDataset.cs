namespace Harness.Datasets.Format;

/// <summary>
/// A LeRobot dataset's metadata as read from its folder: info, episodes (in index order), tasks and
/// statistics. Frames are read on demand (<see cref="EpisodeFrameReader"/>). <see cref="Issues"/>
/// lists what could not be read from the metadata when opened leniently (inspection).
/// </summary>
public sealed record LeRobotDataset(
    string Root,
    DatasetInfo Info,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<DatasetTask> Tasks,
    DatasetStats? Stats,
    IReadOnlyDictionary<int, DatasetStats> EpisodeStats,
    IReadOnlyList<DatasetIssue> Issues)
{
    public DatasetVersion Version => Info.Version;
    public int Fps => Info.Fps;

    public Episode Episode(int index) =>
        Episodes.FirstOrDefault(e => e.Index == index)
        ?? throw new ArgumentException($"{Root} has no episode {index}; it has {Episodes.Count} episode(s)" +
                                       (Episodes.Count > 0 ? $" ({Episodes[0].Index}..{Episodes[^1].Index})." : "."));

    public string FullPath(string relative) => Path.Combine(Root, relative);

    public string? TaskText(long taskIndex) => Tasks.FirstOrDefault(t => t.Index == taskIndex)?.Text;
}

/// <summary>Something wrong with a dataset, in the file where it was found.</summary>
public sealed record DatasetIssue(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}
