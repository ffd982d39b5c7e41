using System.Text.RegularExpressions;

namespace Harness.Core.Policies;

/// <summary>
/// The training run a checkpoint folder belongs to, read from its path when the checkpoint does
/// not name one: <c>runs/act/checkpoints/045000/pretrained_model</c> -> <c>runs/act</c> (LeRobot's
/// layout), <c>out/step_000500</c> -> <c>out</c>, <c>policies/mlp_step_2000</c> -> <c>policies/mlp</c>.
/// A folder without a step in its name is a family of its own.
/// </summary>
public static partial class CheckpointFamily
{
    public static string Of(string path)
    {
        var parts = path.Replace('\\', '/').TrimEnd('/').Split('/').ToList();
        if (parts.Count > 0 && parts[^1] == "pretrained_model") parts.RemoveAt(parts.Count - 1);
        if (parts.Count >= 2 && StepFolder().IsMatch(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
            if (parts.Count > 0 && parts[^1] == "checkpoints") parts.RemoveAt(parts.Count - 1);
            return parts.Count == 0 ? "." : string.Join('/', parts);
        }
        if (parts.Count > 0 && StepSuffix().Match(parts[^1]) is { Success: true } m)
            parts[^1] = m.Groups["name"].Value;
        return string.Join('/', parts);
    }

    /// <summary>The training step a folder name carries (045000, step_000500, mlp_step_2000), if any.</summary>
    public static long? StepOf(string path)
    {
        var parts = path.Replace('\\', '/').TrimEnd('/').Split('/').ToList();
        if (parts.Count > 0 && parts[^1] == "pretrained_model") parts.RemoveAt(parts.Count - 1);
        if (parts.Count == 0) return null;
        var last = parts[^1];
        if (StepFolder().Match(last) is { Success: true } f) return long.Parse(f.Groups["step"].Value);
        if (StepSuffix().Match(last) is { Success: true } s) return long.Parse(s.Groups["step"].Value);
        return null;
    }

    [GeneratedRegex(@"^(?:step_?)?(?<step>\d+)$")]
    private static partial Regex StepFolder();

    [GeneratedRegex(@"^(?<name>.+?)_step_?(?<step>\d+)$")]
    private static partial Regex StepSuffix();
}
