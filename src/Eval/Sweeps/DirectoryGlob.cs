using System.Text.RegularExpressions;
using Harness.Eval.Runs;

namespace Harness.Eval.Sweeps;

/// <summary>
/// Expands a shell-style pattern over directories (<c>policies/so101_state_mlp*</c>,
/// <c>outputs/act/checkpoints/*/pretrained_model</c>): <c>*</c>, <c>?</c> and <c>[abc]</c> within one
/// path segment. Matches keep the pattern's form (relative stays relative) and come in natural order.
/// (Microsoft.Extensions.FileSystemGlobbing matches files only; checkpoints are folders.)
/// </summary>
public static class DirectoryGlob
{
    public static bool IsPattern(string s) => s.IndexOfAny(['*', '?', '[']) >= 0;

    public static IReadOnlyList<string> Match(string pattern)
    {
        if (pattern.Contains("**", StringComparison.Ordinal))
            throw new ArgumentException($"'{pattern}': '**' is not supported; write one '*' per folder level (e.g. runs/*/checkpoints/*/pretrained_model).");
        bool absolute = pattern.StartsWith('/');
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [absolute ? "/" : ""];
        foreach (var seg in segments)
        {
            if (!IsPattern(seg))
            {
                current = current.Select(c => Join(c, seg)).Where(p => Directory.Exists(Root(p)));
                continue;
            }
            var regex = new Regex("^" + Regex.Escape(seg).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]").Replace(@"\[", "[") + "$");
            current = current.SelectMany(c =>
            {
                var dir = Root(c);
                return Directory.Exists(dir)
                    ? Directory.EnumerateDirectories(dir).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.') && regex.IsMatch(n)).Select(n => Join(c, n!))
                    : [];
            });
        }
        return current.Distinct().Order(NaturalOrder.Instance).ToArray();
    }

    private static string Root(string p) => p.Length == 0 ? "." : p;
    private static string Join(string a, string b) => a.Length == 0 ? b : a.EndsWith('/') ? a + b : a + "/" + b;
}
