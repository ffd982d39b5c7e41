using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Eval.Sweeps;

/// <summary>
/// Run-folder names for the checkpoints of a sweep, read from the checkpoint itself:
/// <c>policies/mlp_80</c> -> <c>mlp_80</c>, <c>runs/act/checkpoints/045000/pretrained_model</c> -> <c>045000</c>,
/// <c>openpi:ws://gpu1:8000</c> -> <c>openpi-gpu1-8000</c>, <c>scripted:weak-grip</c> -> <c>scripted-weak-grip</c>.
/// Names that would collide take their parent folder's name in front (<c>act-045000</c>), then a number.
/// </summary>
public static partial class CheckpointNames
{
    public static IReadOnlyList<string> For(IReadOnlyList<(string Spec, string? Folder)> checkpoints)
    {
        var segments = checkpoints.Select(c => Segments(c.Spec, c.Folder)).ToArray();
        var names = segments.Select(s => Clean(s[^1])).ToArray();
        for (int depth = 2; depth <= segments.Select(s => s.Count).DefaultIfEmpty(1).Max(); depth++)
        {
            var clashing = names.Select((n, i) => (n, i)).GroupBy(x => x.n).Where(g => g.Count() > 1).SelectMany(g => g.Select(x => x.i)).ToArray();
            if (clashing.Length == 0) break;
            foreach (int i in clashing)
                if (segments[i].Count >= depth) names[i] = Clean(string.Join("-", segments[i].TakeLast(depth)));
        }
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < names.Length; i++)
        {
            if (seen.TryGetValue(names[i], out int k)) { seen[names[i]] = k + 1; names[i] = $"{names[i]}-{k + 1}"; }
            else seen[names[i]] = 1;
        }
        return names;
    }

    private static IReadOnlyList<string> Segments(string spec, string? folder)
    {
        if (folder is not null)
        {
            var parts = folder.Replace('\\', '/').TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
            if (parts.Count > 1 && parts[^1] == "pretrained_model") parts.RemoveAt(parts.Count - 1);
            // LeRobot's runs/<name>/checkpoints/<step>: "checkpoints" says nothing about the checkpoint.
            parts.RemoveAll(p => p == "checkpoints");
            return parts.Count == 0 ? ["checkpoint"] : parts;
        }
        if (spec.StartsWith("openpi:", StringComparison.Ordinal) && Uri.TryCreate(spec["openpi:".Length..], UriKind.Absolute, out var uri))
            return [$"openpi-{uri.Host}-{uri.Port}{uri.AbsolutePath.TrimEnd('/').Replace('/', '-')}"];
        return [spec.Replace(':', '-')];
    }

    private static string Clean(string s)
    {
        var t = Unsafe().Replace(s, "-").Trim('-', '.');
        return t.Length == 0 ? "checkpoint" : t;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
