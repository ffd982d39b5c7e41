namespace Harness.Datasets.Format;

/// <summary>The LeRobot dataset layouts Harness reads (codebase_version in meta/info.json).</summary>
public enum DatasetVersion { V20, V21, V30 }

public static class DatasetVersions
{
    public static string Text(this DatasetVersion v) => v switch
    {
        DatasetVersion.V20 => "v2.0",
        DatasetVersion.V21 => "v2.1",
        DatasetVersion.V30 => "v3.0",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    /// <summary>Parses "v3.0", "3.0", "v2.1", ...; null when the version is not one Harness reads.</summary>
    public static DatasetVersion? TryParse(string? text) => text?.Trim().TrimStart('v', 'V') switch
    {
        "2.0" => DatasetVersion.V20,
        "2.1" => DatasetVersion.V21,
        "3.0" => DatasetVersion.V30,
        _ => null,
    };

    /// <summary>v2.x: one parquet per episode, jsonl metadata; v3.0: many episodes per file, parquet metadata.</summary>
    public static bool IsV2(this DatasetVersion v) => v is DatasetVersion.V20 or DatasetVersion.V21;
}
