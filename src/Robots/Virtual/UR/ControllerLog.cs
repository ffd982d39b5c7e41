namespace Harness.Robots.Virtual.UR;

/// <summary>One command that would move the arm or the gripper on a real controller.</summary>
public sealed record ControllerLogEntry(double ControllerTime, string Source, string Command);

/// <summary>
/// Every command the virtual controller received that would move something on a real one (program
/// starts, servoj / movej / stopj, power and brake commands, gripper activation and motion), in
/// order. Optionally appended to a text file as it happens, one line per entry, so a separate process
/// can prove that a dry run moved nothing.
/// </summary>
public sealed class ControllerLog : IDisposable
{
    private readonly List<ControllerLogEntry> _entries = new();
    private readonly StreamWriter? _file;
    private readonly object _lock = new();

    public ControllerLog(string? path = null)
    {
        if (path is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public IReadOnlyList<ControllerLogEntry> Entries
    {
        get { lock (_lock) return _entries.ToArray(); }
    }

    public void Add(double controllerTime, string source, string command)
    {
        var e = new ControllerLogEntry(controllerTime, source, command);
        lock (_lock)
        {
            _entries.Add(e);
            _file?.WriteLine(FormattableString.Invariant($"{controllerTime:0.000}\t{source}\t{command}"));
        }
    }

    public void Dispose()
    {
        lock (_lock) _file?.Dispose();
    }
}
