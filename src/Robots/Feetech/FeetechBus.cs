using System.Diagnostics;
using Harness.Robots.Serial;

namespace Harness.Robots.Feetech;

/// <summary>
/// A client for a bus of Feetech servos: one exchange at a time (the bus is half duplex), each
/// retried a bounded number of times on a reply timeout or a bad checksum, with noise before a
/// reply skipped. Like Feetech's SDK it drops unread input before every instruction, so a late
/// reply to an earlier exchange is never taken for the current one. Fault bits in a status packet
/// become typed <see cref="ServoFaultException"/>s, except in the *WithFaults variants.
/// </summary>
public sealed class FeetechBus : IDisposable
{
    private readonly ISerialLink _link;
    private readonly FeetechBusOptions _options;
    private readonly PacketFramer _framer = new();
    private readonly byte[] _scratch = new byte[512];
    private readonly Lock _gate = new();
    private long _exchanges, _retries, _timeouts, _checksumErrors, _strays;
    private bool _lateReplyPossible;

    public FeetechBus(ISerialLink link, FeetechBusOptions? options = null)
    {
        _link = link;
        _options = options ?? FeetechBusOptions.Default;
        if (_options.Attempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "Attempts must be at least 1.");
    }

    public string PortName => _link.PortName;
    public FeetechBusOptions Options => _options;

    public FeetechBusCounters Counters
    {
        get
        {
            lock (_gate) return new(_exchanges, _retries, _timeouts, _checksumErrors, _framer.SkippedBytes, _strays);
        }
    }

    /// <summary>PING, then READ of the model number: the SDK's ping. Returns the model number.</summary>
    public int Ping(byte id)
    {
        ThrowOnFaults(Exchange(InstructionPacket.Ping(id), "PING"), "PING");
        return Read(id, Sts3215.ModelNumber);
    }

    public int Read(byte id, Register register)
    {
        var reply = ReadWithFaults(id, register);
        if (reply.Faults != ServoFaults.None) throw ServoFaultException.For(id, reply.Faults, $"READ {register.Name}");
        return reply.Value;
    }

    public ServoReply ReadWithFaults(byte id, Register register)
    {
        string what = $"READ {register.Name}";
        var status = Exchange(InstructionPacket.Read(id, register.Address, register.Size), what);
        return new ServoReply(id, Decode(status, register, what), status.Faults);
    }

    /// <summary>WRITE and wait for the servo's acknowledgement (none for the broadcast id).</summary>
    public void Write(byte id, Register register, int value) =>
        Acknowledged(InstructionPacket.Write(id, register.Address, Writable(register).ToBytes(value)), $"WRITE {register.Name}={value}");

    /// <summary>REG_WRITE: the servo stores the value and applies it on the next ACTION.</summary>
    public void RegWrite(byte id, Register register, int value) =>
        Acknowledged(InstructionPacket.RegWrite(id, register.Address, Writable(register).ToBytes(value)), $"REG_WRITE {register.Name}={value}");

    /// <summary>ACTION: applies stored REG_WRITEs (broadcast by default: no reply).</summary>
    public void Action(byte id = FeetechFrame.BroadcastId) => Acknowledged(InstructionPacket.Action(id), "ACTION");

    /// <summary>One SYNC_READ; values in the order of <paramref name="ids"/>. Throws on any fault bit.</summary>
    public int[] SyncRead(Register register, IReadOnlyList<byte> ids)
    {
        var replies = SyncReadWithFaults(register, ids);
        foreach (var r in replies)
            if (r.Faults != ServoFaults.None) throw ServoFaultException.For(r.Id, r.Faults, $"SYNC_READ {register.Name}");
        return replies.Select(r => r.Value).ToArray();
    }

    public IReadOnlyList<ServoReply> SyncReadWithFaults(Register register, IReadOnlyList<byte> ids)
    {
        string what = $"SYNC_READ {register.Name}";
        var packets = SyncReadPackets(InstructionPacket.SyncRead(register.Address, register.Size, ids), ids, what);
        return packets.Select(p => new ServoReply(p.Id, Decode(p, register, what), p.Faults)).ToArray();
    }

    /// <summary>One SYNC_WRITE; no servo answers, so nothing confirms it arrived.</summary>
    public void SyncWrite(Register register, IReadOnlyList<(byte Id, int Value)> values)
    {
        Writable(register);
        var entries = values.Select(v => (v.Id, register.ToBytes(v.Value))).ToList();
        Send(InstructionPacket.SyncWrite(register.Address, register.Size, entries));
    }

    /// <summary>
    /// Broadcast PING: every servo answers with its id. Collects status packets until none arrives
    /// for one reply timeout. Returns the ids (ascending) with their fault bits.
    /// </summary>
    public IReadOnlyList<(byte Id, ServoFaults Faults)> BroadcastPing()
    {
        lock (_gate)
        {
            _exchanges++;
            Transmit(InstructionPacket.Ping(FeetechFrame.BroadcastId));
            var found = new SortedDictionary<byte, ServoFaults>();
            while (true)
            {
                var r = ReceiveAny(Deadline());
                if (r is null) break;
                found[r.Id] = r.Faults;
            }
            return found.Select(kv => (kv.Key, kv.Value)).ToArray();
        }
    }

    /// <summary>Sends an instruction that gets no reply (broadcast, SYNC_WRITE).</summary>
    public void Send(InstructionPacket instruction)
    {
        lock (_gate)
        {
            _exchanges++;
            Transmit(instruction);
        }
    }

    /// <summary>One instruction, one status packet from the addressed servo; retried on timeout or corruption.</summary>
    public StatusPacket Exchange(InstructionPacket instruction, string what)
    {
        if (instruction.IsBroadcast) throw new ArgumentException($"{what}: a broadcast gets no status packet; use Send.");
        return WithRetries(instruction.Id, what, () =>
        {
            Transmit(instruction);
            return [ReceiveFrom(instruction.Id, Deadline())];
        })[0];
    }

    private void Acknowledged(InstructionPacket instruction, string what)
    {
        if (instruction.IsBroadcast) Send(instruction);
        else ThrowOnFaults(Exchange(instruction, what), what);
    }

    private IReadOnlyList<StatusPacket> SyncReadPackets(InstructionPacket instruction, IReadOnlyList<byte> ids, string what)
    {
        if (ids.Count == 0) return [];
        byte current = ids[0];
        return WithRetries(() => current, what, () =>
        {
            Transmit(instruction);
            var packets = new StatusPacket[ids.Count];
            for (int i = 0; i < ids.Count; i++)
            {
                current = ids[i];
                packets[i] = ReceiveFrom(ids[i], Deadline());
            }
            return packets;
        });
    }

    private StatusPacket[] WithRetries(byte id, string what, Func<StatusPacket[]> attempt) => WithRetries(() => id, what, attempt);

    /// <param name="failingId">The servo the last failure waited on (for a SYNC_READ, the first missing one).</param>
    private StatusPacket[] WithRetries(Func<byte> failingId, string what, Func<StatusPacket[]> attempt)
    {
        lock (_gate)
        {
            _exchanges++;
            bool corrupt = false;
            for (int n = 1; n <= _options.Attempts; n++)
            {
                if (n > 1) _retries++;
                try
                {
                    return attempt();
                }
                catch (ReplyTimeout)
                {
                    _timeouts++;
                    corrupt = false;
                    _lateReplyPossible = true;
                }
                catch (CorruptReply)
                {
                    _checksumErrors++;
                    corrupt = true;
                }
            }
            if (corrupt) throw new ServoCorruptReplyException(failingId(), what, _options.Attempts);
            throw new ServoTimeoutException(failingId(), what, _options.Attempts, _options.ReplyTimeout);
        }
    }

    private void Transmit(InstructionPacket instruction)
    {
        // A reply that missed its deadline may still be on its way; status packets do not say which
        // instruction they answer, so one arriving now would pass for the answer to this one (a late
        // firmware-major reply read as the minor). Let it arrive and drop it first.
        if (_lateReplyPossible)
        {
            _lateReplyPossible = false;
            var until = Deadline();
            while (Stopwatch.GetTimestamp() < until)
                _link.Read(_scratch, TimeSpan.FromSeconds((double)(until - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));
        }
        _link.DiscardInput();
        _framer.Clear();
        _link.Write(instruction.Encode());
    }

    private long Deadline() => Stopwatch.GetTimestamp() + (long)(_options.ReplyTimeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The next status packet from <paramref name="id"/>; packets from other ids are skipped (as the SDK does).</summary>
    private StatusPacket ReceiveFrom(byte id, long deadline)
    {
        while (true)
        {
            var packet = ReceiveAny(deadline) ?? throw new ReplyTimeout();
            if (packet.Id == id) return packet;
            _strays++;
        }
    }

    private StatusPacket? ReceiveAny(long deadline)
    {
        while (true)
        {
            switch (_framer.TryTake(out var framed))
            {
                case FrameResult.Packet:
                    return new StatusPacket(framed.Id, (ServoFaults)framed.Code, framed.Parameters);
                case FrameResult.ChecksumMismatch:
                    throw new CorruptReply();
            }
            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0) return null;
            int n = _link.Read(_scratch, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            if (n > 0) _framer.Append(_scratch.AsSpan(0, n));
        }
    }

    private static int Decode(StatusPacket status, Register register, string what)
    {
        if (status.Parameters.Length != register.Size)
            throw new InvalidDataException(
                $"servo id {status.Id} answered {what} with {status.Parameters.Length} data bytes; {register.Name} has {register.Size}.");
        return register.FromBytes(status.Parameters);
    }

    private static void ThrowOnFaults(StatusPacket status, string what)
    {
        if (status.Faults != ServoFaults.None) throw ServoFaultException.For(status.Id, status.Faults, what);
    }

    private static Register Writable(Register register) => register.ReadOnly
        ? throw new ArgumentException($"{register.Name} is read-only on the STS3215; it cannot be written.")
        : register;

    public void Dispose() => _link.Dispose();

    private sealed class ReplyTimeout : Exception;
    private sealed class CorruptReply : Exception;
}
