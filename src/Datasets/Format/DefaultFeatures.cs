namespace Harness.Datasets.Format;

/// <summary>The bookkeeping columns every LeRobot dataset has (shape [1], no names).</summary>
public static class DefaultFeatures
{
    public const string Timestamp = "timestamp";
    public const string FrameIndex = "frame_index";
    public const string EpisodeIndex = "episode_index";
    public const string Index = "index";
    public const string TaskIndex = "task_index";

    public static IReadOnlyList<FeatureInfo> All { get; } =
    [
        new(Timestamp, "float32", [1]),
        new(FrameIndex, "int64", [1]),
        new(EpisodeIndex, "int64", [1]),
        new(Index, "int64", [1]),
        new(TaskIndex, "int64", [1]),
    ];

    public static bool IsDefault(string name) => All.Any(f => f.Name == name);
}
