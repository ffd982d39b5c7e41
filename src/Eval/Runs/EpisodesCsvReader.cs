using System.Globalization;
using CsvHelper;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>
/// Reads <c>episodes.csv</c> by column name: the fixed columns, the metrics of the run's task
/// schema (flags as true/false, numbers), and any other column as a numeric extra. Bad cells are
/// reported with file, line and column.
/// </summary>
public static class EpisodesCsvReader
{
    private static readonly string[] Required = EpisodeCsv.Head;
    private static readonly HashSet<string> Fixed = [.. EpisodeCsv.Head, .. EpisodeCsv.Tail];

    public static IReadOnlyList<EpisodeRow> Read(string path, TaskSchema schema)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, schema);
    }

    /// <summary>The complete rows of a file another process may be appending to (a partly written last row is left out).</summary>
    public static IReadOnlyList<EpisodeRow> ReadComplete(string path, TaskSchema schema)
    {
        var bytes = File.ReadAllBytes(path);
        long keep = EpisodesCsvRecovery.CompleteLength(bytes);
        using var reader = new StreamReader(new MemoryStream(bytes, 0, (int)keep));
        return keep == 0 ? [] : Read(reader, path, schema);
    }

    public static IReadOnlyList<EpisodeRow> Read(TextReader reader, string path, TaskSchema schema)
    {
        var options = new CsvReaderOptions { TrackLineNumbers = true, FieldCountMismatch = CsvFieldCountHandling.Throw };
        using var csv = CsvReader.Create(reader, options, false);
        if (csv.Headers is not { Count: > 0 } header)
            throw new RunDirectoryException($"{path}: empty file; expected a header row with columns {string.Join(", ", Required)}, ... and one row per episode.");
        var missing = Required.Where(r => !header.Contains(r)).ToArray();
        if (missing.Length > 0)
            throw new RunDirectoryException(
                $"{path}: missing column(s) {string.Join(", ", missing)}; found {string.Join(", ", header)}. " +
                "Expected the episodes.csv written by `harness eval`.");
        var metrics = schema.Metrics.Where(m => header.Contains(m.Key)).ToArray();
        var extras = header.Where(h => !Fixed.Contains(h) && schema.Metric(h) is null).ToArray();
        var rows = new List<EpisodeRow>();
        try
        {
            while (csv.Read())
            {
                var cells = new Cells(csv, path);
                rows.Add(new EpisodeRow
                {
                    Episode = cells.Int("episode"),
                    Seed = cells.Int("seed"),
                    Outcome = cells.Text("outcome") ?? throw cells.Bad("outcome", "an outcome class such as SUCCESS or TIMEOUT"),
                    Success = cells.Bool("success") ?? throw cells.Bad("success", "true or false"),
                    Steps = cells.Int("steps"),
                    Metrics = metrics.ToDictionary(m => m.Key, m => m.IsFlag ? cells.Flag(m.Key) : cells.Double(m.Key)),
                    PolicyCalls = cells.Has("policy_calls") ? cells.Int("policy_calls") : 0,
                    PolicyLatencyMsP50 = cells.Double("policy_latency_ms_p50"),
                    WallS = cells.Double("wall_s") ?? 0,
                    Detail = cells.Text("detail"),
                    Error = cells.Text("error"),
                    Extra = extras.ToDictionary(e => e, e => cells.Double(e)),
                });
            }
        }
        catch (CsvFormatException e)
        {
            throw new RunDirectoryException($"{path}: line {e.LineNumber}: malformed CSV ({e.Message}). Expected the episodes.csv written by `harness eval`.", e);
        }
        return rows;
    }

    /// <summary>Typed access to the current row with errors that point at the cell.</summary>
    private readonly struct Cells(CsvReader csv, string path)
    {
        public bool Has(string name) => csv.Headers!.Contains(name);

        public string? Text(string name)
        {
            if (!Has(name)) return null;
            var s = csv.GetString(name);
            return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        }

        public int Int(string name) =>
            int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, "an integer");

        public double? Double(string name)
        {
            var s = Text(name);
            if (s is null) return null;
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, "a number or an empty cell");
        }

        public double? Flag(string name) => Bool(name) is { } b ? (b ? 1 : 0) : null;

        public bool? Bool(string name) => Text(name)?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Bad(name, "true, false or an empty cell"),
        };

        public RunDirectoryException Bad(string name, string expected) =>
            new($"{path}: line {csv.LineNumber}, column '{name}': expected {expected}, found '{(Has(name) ? csv.GetString(name) : "")}'.");
    }
}
