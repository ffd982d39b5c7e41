using System.Text.Json;
using CsvHelper;
using Harness.Core.Tasks;
using Harness.Core.IO;

namespace Harness.Eval.Runs;

/// <summary>
/// Writes a run directory as the run goes: run.json is rewritten atomically (temp file + rename)
/// with <c>complete: false</c> until <see cref="Complete"/>; episodes.csv gets one row per
/// finished episode, in the order the run expects them (<see cref="ExpectEpisodes"/>), flushed at
/// once, so an interrupted run keeps every episode it finished and is never mistaken for a finished
/// one. The figures of run.json are aggregated incrementally. A run that ends before its first episode
/// is written can be <see cref="Abandon"/>ed, leaving nothing that would block the same command from
/// running again. <see cref="Resume"/> continues a run on disk: a partly written last row is cut
/// off, the rows before it are kept (never run again) and new rows are appended after them.
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
    private readonly HashSet<int> _written = [];
    private readonly object _gate = new();
    private readonly bool _createdDirectory;
    private RunSummary _header;
    private readonly double _priorWallS;
    private IReadOnlyList<int>? _order;
    private int _position, _implicitNext;
    private bool _disposed;

    private RunDirectoryWriter(string dir, RunSummary header, TaskSchema schema, IReadOnlyList<string> extraColumns, bool createdDirectory,
        IReadOnlyList<EpisodeRow>? existing = null, double priorWallS = 0)
    {
        Directory = dir;
        _createdDirectory = createdDirectory;
        _header = header with { Complete = false, Stopped = null, TaskSchema = schema };
        _priorWallS = priorWallS;
        _format = new EpisodeCsv(schema, extraColumns);
        _aggregate = new RunAggregate(schema);
        var path = Path.Combine(dir, RunDirectory.EpisodesFile);
        bool append = existing is not null && File.Exists(path) && new FileInfo(path).Length > 0;
        _stream = new StreamWriter(path, append);
        _csv = CsvWriter.Create(_stream, CsvWriterOptions.Default, true);
        if (!append) _format.WriteHeader(_csv);
        foreach (var row in existing ?? [])
        {
            _aggregate.AddRecorded(row);
            _rows.Add(row);
            _written.Add(row.Episode);
            _implicitNext = Math.Max(_implicitNext, row.Episode + 1);
        }
        _csv.Flush();
        _stream.Flush();
        WriteSummary(_aggregate.ApplyTo(_header));
    }

    public string Directory { get; }
    /// <summary>The schema the run is measured with (the task's, plus metrics its observers contribute).</summary>
    public TaskSchema Schema => _format.Schema;
    public IReadOnlyList<EpisodeRow> Rows { get { lock (_gate) return _rows.ToArray(); } }
    public int EpisodesWritten { get { lock (_gate) return _rows.Count; } }

    /// <summary>Episode indices already on disk (from an earlier session when resumed).</summary>
    public IReadOnlySet<int> Written { get { lock (_gate) return _written.ToHashSet(); } }

    /// <summary>The run as it stands now (figures of the rows on disk), still marked incomplete.</summary>
    public RunSummary Current { get { lock (_gate) return _aggregate.ApplyTo(_header); } }

    /// <summary>
    /// Creates the run directory. An existing run there is never overwritten unless
    /// <paramref name="overwrite"/> is set.
    /// </summary>
    public static RunDirectoryWriter Create(string dir, RunSummary header, TaskSchema schema, IReadOnlyList<string>? extraColumns = null, bool overwrite = false)
    {
        if (File.Exists(dir))
            throw new IOException($"--out '{dir}' is a file, not a directory. Choose a new directory for the run.");
        if (File.Exists(Path.Combine(dir, RunDirectory.SummaryFile)) && !overwrite)
            throw new IOException($"'{dir}' already holds a run (run.json exists). Choose another --out directory, pass --resume to continue it, or --overwrite to replace it.");
        bool created = !System.IO.Directory.Exists(dir);
        System.IO.Directory.CreateDirectory(dir);
        return new RunDirectoryWriter(dir, header, schema, extraColumns ?? [], created);
    }

    /// <summary>
    /// Continues the run in <paramref name="dir"/> (the caller has checked with
    /// <see cref="RunCompatibility"/> that it is the same experiment). A partly written last row of
    /// episodes.csv is cut off; the complete rows are kept and counted; run.json keeps its start time
    /// and adds this session's wall time to the earlier ones.
    /// </summary>
    public static RunDirectoryWriter Resume(string dir, RunSummary header, TaskSchema schema, IReadOnlyList<string>? extraColumns = null)
    {
        var onDisk = RunDirectoryReader.ReadSummary(dir);
        var csvPath = Path.Combine(dir, RunDirectory.EpisodesFile);
        var format = new EpisodeCsv(schema, extraColumns);
        IReadOnlyList<EpisodeRow> rows = [];
        if (File.Exists(csvPath))
        {
            EpisodesCsvRecovery.TruncatePartialRow(csvPath);
            var columns = EpisodesCsvRecovery.Header(csvPath);
            if (columns is null) File.WriteAllText(csvPath, "");
            else
            {
                if (!columns.SequenceEqual(format.Columns))
                    throw new RunDirectoryException(
                        $"{csvPath}: its columns ({string.Join(", ", columns)}) differ from the ones this command writes ({string.Join(", ", format.Columns)}); " +
                        "the run was made with other options (e.g. --whisker-metrics). Resume it with the same options, or choose a new --out.");
                rows = EpisodesCsvReader.Read(csvPath, schema);
            }
        }
        var dupes = rows.GroupBy(r => r.Episode).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0)
            throw new RunDirectoryException($"{csvPath}: episode {string.Join(", ", dupes)} appears more than once; the file was edited by hand. Repair it or choose a new --out.");
        return new RunDirectoryWriter(dir, header with { StartedAt = onDisk.StartedAt, Extra = MergeExtra(onDisk.Extra, header.Extra) },
            schema, extraColumns ?? [], createdDirectory: false, rows, onDisk.WallS);
    }

    /// <summary>
    /// The episode indices, in order, whose rows this run will add (default 0, 1, 2, ...). Rows reach
    /// the file in this order whatever order workers finish them in. None of them may be on disk already.
    /// </summary>
    public void ExpectEpisodes(IReadOnlyList<int> order)
    {
        lock (_gate)
        {
            if (_pending.Count > 0) throw new InvalidOperationException("ExpectEpisodes must be called before rows are added.");
            var again = order.Where(_written.Contains).Take(5).ToArray();
            if (again.Length > 0)
                throw new InvalidOperationException($"episode(s) {string.Join(", ", again)} are already in {RunDirectory.EpisodesFile}; a finished episode is never run twice.");
            _order = order;
            _position = 0;
        }
    }

    private int NextExpected => _order is null ? _implicitNext : _position < _order.Count ? _order[_position] : -1;

    /// <summary>Adds a finished episode; rows reach the file in the expected order.</summary>
    public void Add(EpisodeRow row, IEnumerable<double> latenciesMs)
    {
        lock (_gate)
        {
            Queue(row, latenciesMs);
            Flush();
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

    /// <summary>Adds rows read back from other run directories (a merge), writing run.json once at the end.</summary>
    public void AddRecorded(IEnumerable<EpisodeRow> rows)
    {
        lock (_gate)
        {
            foreach (var row in rows) Queue(row, RunAggregate.RecordedLatencies(row));
            Flush();
        }
    }

    private void Queue(EpisodeRow row, IEnumerable<double> latenciesMs)
    {
        if (_written.Contains(row.Episode) || _pending.ContainsKey(row.Episode))
            throw new InvalidOperationException($"episode {row.Episode} is already in {RunDirectory.EpisodesFile}; a finished episode is never written twice.");
        _pending[row.Episode] = (row, latenciesMs.ToArray());
        while (_pending.Remove(NextExpected, out var ready))
        {
            _format.WriteRow(_csv, ready.Row);
            _aggregate.Add(ready.Row, ready.Latencies);
            _rows.Add(ready.Row);
            _written.Add(ready.Row.Episode);
            if (_order is null) _implicitNext++;
            else _position++;
        }
    }

    private void Flush()
    {
        _csv.Flush();
        _stream.Flush();
        WriteSummary(_aggregate.ApplyTo(_header));
    }

    /// <summary>The run as it stands, still incomplete (e.g. ended early), with the reason it stopped.</summary>
    public RunSummary Stop(string reason, DateTimeOffset finishedAt, double wallSeconds, Dictionary<string, object>? extra = null)
    {
        lock (_gate)
        {
            var s = _aggregate.ApplyTo(_header) with
            {
                Complete = false, Stopped = reason, FinishedAt = finishedAt, WallS = _priorWallS + wallSeconds, Extra = MergeExtra(_header.Extra, extra),
            };
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
                WallS = _priorWallS + wallSeconds,
                Extra = MergeExtra(_header.Extra, extra),
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

    private void WriteSummary(RunSummary s) => WriteSummaryFile(Directory, s);

    /// <summary>Writes run.json atomically (temp file + rename), so a reader never sees half a file.</summary>
    public static void WriteSummaryFile(string dir, RunSummary s)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, RunDirectory.SummaryFile), JsonSerializer.Serialize(s, Json));
    }

    private static Dictionary<string, object>? MergeExtra(Dictionary<string, object>? a, Dictionary<string, object>? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var m = new Dictionary<string, object>(a);
        foreach (var (k, v) in b) m[k] = v;
        return m;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _csv.Dispose();
        _stream.Dispose();
    }
}
