namespace Harness.Eval.Runs;

/// <summary>
/// A run directory as read from disk: <c>run.json</c>, the rows of <c>episodes.csv</c> and the media
/// files found next to them (absolute paths). <see cref="Warnings"/> lists what was readable but odd.
/// </summary>
public sealed record RunDirectory(
    string Path,
    RunSummary Summary,
    IReadOnlyList<EpisodeRow> Episodes,
    IReadOnlyList<string> Videos,
    IReadOnlyList<string> WhiskerImages,
    IReadOnlyList<string> Warnings)
{
    public const string SummaryFile = "run.json";
    public const string EpisodesFile = "episodes.csv";
    public const string VideosFolder = "videos";
    public const string WhiskersFolder = "whiskers";

    /// <summary>What a run directory holds, for error messages.</summary>
    public const string Expected =
        "a run directory (written by `harness eval`) contains run.json (the run summary) and episodes.csv " +
        "(one row per episode), optionally videos/*.mp4 and whiskers/**/*.png";
}
