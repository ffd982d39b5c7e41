using System.Text;

namespace Harness.Eval.Robustness;

/// <summary>
/// Short, folder-safe labels for the policies of a sweep: a package's folder name
/// (onnx:policies/so101_state_mlp_80 -> so101_state_mlp_80), the spec otherwise, with characters
/// other than letters, digits, '.', '_' and '-' replaced; repeated labels get -2, -3, ...
/// </summary>
public static class CheckpointLabels
{
    public static IReadOnlyList<string> For(IReadOnlyList<string> specs)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        foreach (var spec in specs)
        {
            string label = Label(spec);
            if (used.TryGetValue(label, out int n)) { used[label] = n + 1; label = $"{label}-{n + 1}"; }
            else used[label] = 1;
            labels.Add(label);
        }
        return labels;
    }

    public static string Label(string spec)
    {
        string core = spec;
        int colon = spec.IndexOf(':');
        string kind = colon > 0 ? spec[..colon] : spec;
        if (kind is "onnx" or "replay")
        {
            string path = spec[(colon + 1)..].Split('#')[0].TrimEnd('/', '\\');
            core = Path.GetFileName(path) is { Length: > 0 } name ? name : path;
        }
        else if (kind == "openpi") core = "openpi-" + spec[(colon + 1)..].Replace("ws://", "").Replace("wss://", "");
        var sb = new StringBuilder();
        foreach (char ch in core) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '-');
        string label = sb.ToString().Trim('-', '.');
        return label.Length > 0 ? label : "policy";
    }

    /// <summary>Policy specs from a checkpoints file: one per line; blank lines and lines starting with # are skipped.</summary>
    public static IReadOnlyList<string> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"checkpoints file '{path}' does not exist; expected a text file with one policy spec per line (e.g. onnx:policies/so101_state_mlp_80).", path);
        var specs = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (specs.Count == 0) throw new ArgumentException($"checkpoints file '{path}' lists no policy; expected one spec per line (e.g. onnx:policies/so101_state_mlp_80).");
        return specs;
    }
}
