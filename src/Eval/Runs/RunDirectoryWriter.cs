using System.Text.Json;
using CsvHelper;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>
/// Writes a run directory as the run goes: run.json is rewritten atomically (temp file + rename)
/// with <c>complete: false</c> until <see cref="Complete"/>; episodes.csv gets one row per
/// finished episode, in episode order, flushed at once, so an interrupted run keeps every
/// episode it finished and is never mistaken for a finished one. The figures of run.json are
/// aggregated incrementally. A run that ends before its first episode is written can be
/// <see cref="Abandon"/>ed, leaving nothing that would block the same command from running again.
/// </summary>
public sealed class RunDirectoryWriter : IDisposable
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;
    private readonly EpisodeCsv _format;
    private readonly SortedDictionary<int, (EpisodeRow Row, double[] Latencies)> _pending = new();
    private readonly RunAggregate _aggregate;
    private readonly List<EpisodeRow> _rows = [];
    private readonly object _gate = new();
    private readonly bool _createdDirectory;
    private RunSummary _header;
    private int _next;
    private bool _disposed;

    private RunDirectoryWriter(string dir, RunSummary header, TaskSchema schema, IReadOnlyList<string> extraColumns, bool createdDirectory)
    {
        Directory = dir;
        _createdDirectory = createdDirectory;
        _header = header with { Complete = false, TaskSchema = schema };
        _format = new EpisodeCsv(schema, extraColumns);
        _aggregate = new RunAggregate(schema);
        _stream = new StreamWriter(Path.Combine(dir, RunDirectory.EpisodesFile), append: false);
        _csv = CsvWriter.Create(_stream, CsvWriterOptions.Default, true);
        _format.WriteHeader(_csv);
        _csv.Flush();
        _stream.Flush();
        WriteSummary(_aggregate.ApplyTo(_header));
    }

    public string Directory { get; }
    /// <summary>The schema the run is measured with (the task's, plus metrics its observers contribute).</summary>
    public TaskSchema Schema => _format.Schema;
    public IReadOnlyList<EpisodeRow> Rows { get { lock (_gate) return _rows.ToArray(); } }
    public int EpisodesWritten { get { lock (_gate) return _rows.Count; } }

    /// <summary>
    /// Creates the run directory. An existing run there is never overwritten unless
    /// <paramref name="overwrite"/> is set.
    /// </summary>
    public static RunDirectoryWriter Create(string dir, RunSummary header, TaskSchema schema, IReadOnlyList<string>? extraColumns = null, bool overwrite = false)
    {
        if (File.Exists(dir))
            throw new IOException($"--out '{dir}' is a file, not a directory. Choose a new directory for the run.");
        if (File.Exists(Path.Combine(dir, RunDirectory.SummaryFile)) && !overwrite)
            throw new IOException($"'{dir}' already holds a run (run.json exists). Choose another --out directory, or pass --overwrite to replace it.");
        bool created = !System.IO.Directory.Exists(dir);
        System.IO.Directory.CreateDirectory(dir);
        return new RunDirectoryWriter(dir, header, schema, extraColumns ?? [], created);
    }

    /// <summary>Adds a finished episode; rows reach the file in episode order.</summary>
    public void Add(EpisodeRow row, IEnumerable<double> latenciesMs)
    {
        lock (_gate)
        {
            _pending[row.Episode] = (row, latenciesMs.ToArray());
            while (_pending.Remove(_next, out var ready))
            {
                _format.WriteRow(_csv, ready.Row);
                _aggregate.Add(ready.Row, ready.Latencies);
                _rows.Add(ready.Row);
                _next++;
            }
            _csv.Flush();
            _stream.Flush();
            WriteSummary(_aggregate.ApplyTo(_header));
        }
    }

    /// <summary>Records the pre-flight checks (each with its result) in run.json before the first episode.</summary>
    public void RecordPreflight(IReadOnlyList<PreflightEntry> entries)
    {
        lock (_gate)
        {
            _header = _header with { Preflight = entries };
            WriteSummary(_aggregate.ApplyTo(_header));
        }
    }

    /// <summary>The run as it stands, still incomplete (e.g. ended early), with the reason it stopped.</summary>
    public RunSummary Stop(string reason, DateTimeOffset finishedAt, double wallSeconds, Dictionary<string, object>? extra = null)
    {
        lock (_gate)
        {
            var s = _aggregate.ApplyTo(_header) with { Complete = false, Stopped = reason, FinishedAt = finishedAt, WallS = wallSeconds, Extra = extra ?? _header.Extra };
            WriteSummary(s);
            return s;
        }
    }

    public RunSummary Complete(DateTimeOffset finishedAt, double wallSeconds, Dictionary<string, object>? extra = null)
    {
        lock (_gate)
        {
            if (_pending.Count > 0)
                throw new InvalidOperationException($"episodes {string.Join(", ", _pending.Keys)} finished but earlier ones did not; the run is incomplete.");
            var final = _aggregate.ApplyTo(_header) with
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

    /// <summary>
    /// Removes what this writer wrote when no episode was finished (the run failed before its first
    /// episode), so the same command can run again; the directory goes too if this writer made it
    /// and it is empty. Does nothing once an episode is on disk.
    /// </summary>
    public bool Abandon()
    {
        lock (_gate)
        {
            if (_rows.Count > 0) return false;
            Dispose();
            File.Delete(Path.Combine(Directory, RunDirectory.SummaryFile));
            File.Delete(Path.Combine(Directory, RunDirectory.EpisodesFile));
            if (_createdDirectory && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
                System.IO.Directory.Delete(Directory);
            return true;
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
        if (_disposed) return;
        _disposed = true;
        _csv.Dispose();
        _stream.Dispose();
    }
}
