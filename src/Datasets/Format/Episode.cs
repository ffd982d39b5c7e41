namespace Harness.Datasets.Format;

/// <summary>
/// One episode as the metadata describes it. <see cref="DataFile"/> and video files are relative to
/// the dataset root; <see cref="FromIndex"/>..<see cref="ToIndex"/> (end exclusive) is its range of
/// the global frame index.
/// </summary>
public sealed record Episode(
    int Index,
    IReadOnlyList<string> Tasks,
    int Length,
    string DataFile,
    long FromIndex,
    long ToIndex,
    IReadOnlyDictionary<string, EpisodeVideo> Videos);

/// <summary>Where an episode's frames of one camera are: frame i is at <c>FromTimestamp + i / fps</c>.</summary>
public sealed record EpisodeVideo(string File, double FromTimestamp, double ToTimestamp);

public sealed record DatasetTask(int Index, string Text);
