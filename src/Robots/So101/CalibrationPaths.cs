namespace Harness.Robots.So101;

/// <summary>
/// Where LeRobot keeps calibration files: <c>&lt;calibration dir&gt;/robots/&lt;robot name&gt;/&lt;id&gt;.json</c>,
/// the directory being $HF_LEROBOT_CALIBRATION, else $HF_LEROBOT_HOME/calibration, else
/// $HF_HOME/lerobot/calibration, else $XDG_CACHE_HOME (default ~/.cache)/huggingface/lerobot/calibration.
/// </summary>
public static class CalibrationPaths
{
    /// <summary>The SO-100/101 follower's robot name since LeRobot merged them (January 2026).</summary>
    public const string SoFollower = "so_follower";

    /// <summary>The SO-101 follower's robot name in earlier LeRobot releases.</summary>
    public const string So101FollowerLegacy = "so101_follower";

    public static string Directory(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        if (NonEmpty(env("HF_LEROBOT_CALIBRATION")) is { } explicitDir) return Expand(explicitDir);
        if (NonEmpty(env("HF_LEROBOT_HOME")) is { } home) return Path.Combine(Expand(home), "calibration");
        string hfHome = NonEmpty(env("HF_HOME")) is { } h
            ? Expand(h)
            : Path.Combine(Expand(NonEmpty(env("XDG_CACHE_HOME")) ?? "~/.cache"), "huggingface");
        return Path.Combine(hfHome, "lerobot", "calibration");
    }

    public static string For(string calibrationDirectory, string robotName, string id) =>
        Path.Combine(calibrationDirectory, "robots", robotName, id + ".json");

    /// <summary>
    /// The existing file for <paramref name="id"/> under the current robot name, else under the
    /// legacy one; null when neither exists.
    /// </summary>
    public static string? Find(string calibrationDirectory, string id) =>
        new[] { SoFollower, So101FollowerLegacy }.Select(n => For(calibrationDirectory, n, id)).FirstOrDefault(File.Exists);

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string Expand(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
