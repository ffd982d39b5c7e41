using System.Text.Json;

namespace Harness.Eval.Runs;

/// <summary>Finds and reads run directories written by <c>harness eval</c>.</summary>
public static class RunDirectoryReader
{
    /// <summary>How deep below a given folder run directories are looked for (sweep/checkpoint/run).</summary>
    public const int SearchDepth = 2;

    /// <summary>
    /// Expands each path into run directories: a path holding run.json is a run; otherwise its
    /// sub-folders are searched up to <see cref="SearchDepth"/> levels. Order follows the arguments,
    /// then folder names (ordinal). A path with no run is an error naming it.
    /// </summary>
    public static IReadOnlyList<string> Discover(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var raw in paths)
        {
            var path = Path.GetFullPath(raw);
            if (!Directory.Exists(path))
                throw new RunDirectoryException(
                    File.Exists(path)
                        ? $"'{raw}' is a file; expected a run directory or a folder of run directories ({RunDirectory.Expected})."
                        : $"'{raw}' does not exist; expected a run directory or a folder of run directories ({RunDirectory.Expected}).");
            var runs = Expand(path, SearchDepth).ToList();
            if (runs.Count == 0)
                throw new RunDirectoryException(
                    $"no run found in '{raw}' (searched {SearchDepth} folder levels below it): {RunDirectory.Expected}. " +
                    "Point `harness report` at the folder given to `harness eval --out`.");
            found.AddRange(runs.Where(r => !found.Contains(r)));
        }
        return found;
    }

    private static IEnumerable<string> Expand(string dir, int depth)
    {
        if (File.Exists(Path.Combine(dir, RunDirectory.SummaryFile))) return [dir];
        if (depth == 0) return [];
        return Directory.EnumerateDirectories(dir).Order(NaturalOrder.Instance).SelectMany(d => Expand(d, depth - 1));
    }

    public static RunDirectory Read(string dir)
    {
        dir = Path.GetFullPath(dir);
        var summary = ReadSummary(dir);
        var warnings = new List<string>();

        var csvPath = Path.Combine(dir, RunDirectory.EpisodesFile);
        IReadOnlyList<EpisodeRow> episodes;
        if (File.Exists(csvPath)) episodes = EpisodesCsvReader.Read(csvPath, summary.Schema);
        else if (!summary.Complete)
        {
            episodes = [];
            warnings.Add($"no {RunDirectory.EpisodesFile} yet (the run is incomplete)");
        }
        else
            throw new RunDirectoryException(
                $"'{dir}': run.json says the run is complete but {RunDirectory.EpisodesFile} is missing: {RunDirectory.Expected}. Re-run or restore the file.");

        var dupes = episodes.GroupBy(e => e.Episode).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0)
            throw new RunDirectoryException($"{csvPath}: episode index {string.Join(", ", dupes.Take(5))} appears more than once; each episode must have one row.");
        int csvSuccesses = episodes.Count(e => e.Success);
        if (episodes.Count != summary.Episodes || csvSuccesses != summary.Successes)
            warnings.Add($"run.json reports {summary.Successes}/{summary.Episodes} successes but episodes.csv has {csvSuccesses}/{episodes.Count}; the table uses episodes.csv");

        return new RunDirectory(dir, summary, episodes,
            Media(Path.Combine(dir, RunDirectory.VideosFolder), "*.mp4", SearchOption.TopDirectoryOnly),
            Media(Path.Combine(dir, RunDirectory.WhiskersFolder), "*.png", SearchOption.AllDirectories),
            warnings);
    }

    /// <summary>Only run.json of a run directory (e.g. to see whether an interrupted run says complete).</summary>
    public static RunSummary ReadSummary(string dir)
    {
        var jsonPath = Path.Combine(Path.GetFullPath(dir), RunDirectory.SummaryFile);
        if (!File.Exists(jsonPath))
            throw new RunDirectoryException($"'{dir}' has no {RunDirectory.SummaryFile}: {RunDirectory.Expected}.");
        return ParseSummary(jsonPath);
    }

    private static RunSummary ParseSummary(string jsonPath)
    {
        RunSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(jsonPath));
        }
        catch (JsonException e)
        {
            throw new RunDirectoryException(
                $"{jsonPath}: line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: malformed JSON ({e.Message.Split(" Path:")[0]}). " +
                "Expected the run summary written by `harness eval`; re-run the evaluation or fix the file.", e);
        }
        if (summary is null)
            throw new RunDirectoryException($"{jsonPath}: holds 'null'; expected the run summary object written by `harness eval`.");
        if (string.IsNullOrWhiteSpace(summary.Scene) || string.IsNullOrWhiteSpace(summary.Policy))
            throw new RunDirectoryException(
                $"{jsonPath}: 'scene' and 'policy' must be non-empty; found scene='{summary.Scene}', policy='{summary.Policy}'. Is this a run.json written by `harness eval`?");
        return summary;
    }

    private static IReadOnlyList<string> Media(string folder, string pattern, SearchOption option) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, option).Order(StringComparer.Ordinal).ToArray()
            : [];
}
