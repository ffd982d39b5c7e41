using Harness.Robots.Feetech;

namespace Harness.Robots.Virtual.Feetech;

/// <summary>An instruction the virtual bus received, with when it arrived (since the bus started).</summary>
public sealed record LoggedInstruction(TimeSpan At, InstructionPacket Packet);

/// <summary>
/// Every well-formed instruction packet the virtual bus received, in arrival order, whether or not
/// a servo answered it; and how many arrived with a bad checksum. Lets a test prove what a client
/// sent, e.g. that a dry run never wrote Goal_Position.
/// </summary>
public sealed class BusLog
{
    private readonly List<LoggedInstruction> _entries = [];
    private readonly Lock _gate = new();
    private long _corrupt;

    public IReadOnlyList<LoggedInstruction> Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }

    public IReadOnlyList<InstructionPacket> Packets() => Snapshot().Select(e => e.Packet).ToArray();

    /// <summary>Every register write received (WRITE, REG_WRITE, SYNC_WRITE), one per target servo.</summary>
    public IReadOnlyList<RegisterWrite> Writes() => Packets().SelectMany(p => p.Writes()).ToArray();

    public bool Wrote(Register register) => Writes().Any(w => w.Touches(register));

    public long CorruptInstructions => Interlocked.Read(ref _corrupt);

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    internal void Add(LoggedInstruction entry)
    {
        lock (_gate) _entries.Add(entry);
    }

    internal void AddCorrupt() => Interlocked.Increment(ref _corrupt);
}
