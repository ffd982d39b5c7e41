using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Harness.Eval.Runs;

/// <summary>
/// Writes a run directory as the run goes: run.json is rewritten atomically (temp file + rename)
/// with <c>complete: false</c> until <see cref="Complete"/>; episodes.csv gets one row per
/// finished episode, in episode order, flushed at once, so an interrupted run keeps every
/// episode it finished and is never mistaken for a finished one.
/// </summary>
public sealed class RunDirectoryWriter : IDisposable
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;
    private readonly IReadOnlyList<string> _extra;
    private readonly SortedDictionary<int, EpisodeRow> _pending = new();
    private readonly List<EpisodeRow> _rows = [];
    private readonly List<double> _latencies = [];
    private readonly object _gate = new();
    private RunSummary _header;
    private int _next;

    private RunDirectoryWriter(string dir, RunSummary header, IReadOnlyList<string> extraColumns)
    {
        Directory = dir;
        _header = header with { Complete = false };
        _extra = extraColumns;
        _stream = new StreamWriter(Path.Combine(dir, RunDirectory.EpisodesFile), append: false);
        _csv = CsvWriter.Create(_stream, CsvWriterOptions.Default, true);
        EpisodeCsv.WriteHeader(_csv, _extra);
        _csv.Flush();
        WriteSummary(_header);
    }

    public string Directory { get; }
    public IReadOnlyList<EpisodeRow> Rows { get { lock (_gate) return _rows.ToArray(); } }

    /// <summary>
    /// Creates the run directory. An existing run there is never overwritten unless
    /// <paramref name="overwrite"/> is set.
    /// </summary>
    public static RunDirectoryWriter Create(string dir, RunSummary header, IReadOnlyList<string>? extraColumns = null, bool overwrite = false)
    {
        if (File.Exists(dir))
            throw new IOException($"--out '{dir}' is a file, not a directory. Choose a new directory for the run.");
        if (File.Exists(Path.Combine(dir, RunDirectory.SummaryFile)) && !overwrite)
            throw new IOException($"'{dir}' already holds a run (run.json exists). Choose another --out directory, or pass --overwrite to replace it.");
        System.IO.Directory.CreateDirectory(dir);
        return new RunDirectoryWriter(dir, header, extraColumns ?? []);
    }

    /// <summary>Adds a finished episode; rows reach the file in episode order.</summary>
    public void Add(EpisodeRow row, IEnumerable<double> latenciesMs)
    {
        lock (_gate)
        {
            _pending[row.Episode] = row;
            _latencies.AddRange(latenciesMs);
            while (_pending.Remove(_next, out var ready))
            {
                EpisodeCsv.WriteRow(_csv, ready, _extra);
                _rows.Add(ready);
                _next++;
            }
            _csv.Flush();
            _stream.Flush();
            WriteSummary(RunSummaryBuilder.Aggregate(_header, _rows, _latencies));
        }
    }

    public RunSummary Complete(DateTimeOffset finishedAt, double wallSeconds, Dictionary<string, object>? extra = null)
    {
        lock (_gate)
        {
            if (_pending.Count > 0)
                throw new InvalidOperationException($"episodes {string.Join(", ", _pending.Keys)} finished but earlier ones did not; the run is incomplete.");
            var final = RunSummaryBuilder.Aggregate(_header, _rows, _latencies) with
            {
                Complete = true,
                FinishedAt = finishedAt,
                WallS = wallSeconds,
                Extra = extra ?? _header.Extra,
            };
            WriteSummary(final);
            return final;
        }
    }

    private void WriteSummary(RunSummary s)
    {
        string path = Path.Combine(Directory, RunDirectory.SummaryFile), tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(s, Json));
        File.Move(tmp, path, overwrite: true);
    }

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
