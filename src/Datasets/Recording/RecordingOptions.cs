using Harness.Datasets.Writing;

namespace Harness.Datasets.Recording;

/// <summary>
/// What `eval --record OUT` records: all episodes or only successful ones, the layout, and which
/// cameras go into the dataset as videos.
/// </summary>
public sealed record RecordingOptions(
    string Root,
    bool OnlySuccess = false,
    RecordFormat Format = RecordFormat.V30,
    IReadOnlyList<string>? Cameras = null,
    bool Overwrite = false)
{
    public static RecordFormat ParseFormat(string? text) => text?.Trim().TrimStart('v', 'V') switch
    {
        null or "" or "3.0" => RecordFormat.V30,
        "2.1" => RecordFormat.V21,
        var t => throw new ArgumentException($"--record-format {t} is not supported; use v3.0 (default) or v2.1."),
    };

    public static bool ParseOnly(string? text) => text?.Trim() switch
    {
        null or "" or "all" => false,
        "success" => true,
        var t => throw new ArgumentException($"--record-only {t} is not supported; use --record-only success (or leave it out to record every episode)."),
    };
}
