namespace Harness.Eval.SimReal;

/// <summary>
/// One simulation variant as given on the command line: a label (nominal, latency, friction-x0.7,
/// ...) and the run directories or sweep folders that hold its runs. Every variant is compared with
/// the same real runs.
/// </summary>
public sealed record SimVariantInput(string Label, IReadOnlyList<string> Paths)
{
    public const string DefaultLabel = "sim";

    /// <summary>
    /// Groups `--sim` values into variants: <c>LABEL=PATH</c> starts or extends variant LABEL, a bare
    /// PATH belongs to <see cref="DefaultLabel"/>. Variants keep the order of their first mention.
    /// </summary>
    public static IReadOnlyList<SimVariantInput> Parse(IEnumerable<string> values)
    {
        var order = new List<string>();
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var raw in values)
        {
            int eq = raw.IndexOf('=');
            // A path may contain '='; only a prefix without a path separator is a label.
            bool labelled = eq > 0 && raw[..eq].IndexOfAny(['/', '\\']) < 0;
            string label = labelled ? raw[..eq].Trim() : DefaultLabel, path = labelled ? raw[(eq + 1)..] : raw;
            if (path.Length == 0)
                throw new SimRealException($"--sim '{raw}' names variant '{label}' but no folder; expected LABEL=PATH (e.g. latency=/tmp/sweep_latency) or a bare PATH.");
            if (!paths.TryGetValue(label, out var list)) { paths[label] = list = []; order.Add(label); }
            list.Add(path);
        }
        if (order.Count == 0)
            throw new SimRealException("no simulated runs given; expected --sim PATH (a run directory or a sweep folder), or --sim LABEL=PATH for each simulation variant.");
        return order.Select(l => new SimVariantInput(l, paths[l])).ToList();
    }
}
