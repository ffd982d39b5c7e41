using Harness.Robots.Feetech;

namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// Faults a test (or a demo) injects into the virtual bus: a servo that stops answering, corrupted
/// or noisy replies, fault bits such as overload, a hot servo.
/// </summary>
public sealed class BusFaults
{
    private readonly VirtualFeetechBus _bus;
    private readonly HashSet<byte> _muted = [];
    private readonly Queue<byte[]> _noise = new();
    private int _corruptReplies;
    private readonly Queue<TimeSpan> _delays = new();

    internal BusFaults(VirtualFeetechBus bus) => _bus = bus;

    /// <summary>The servo neither answers nor obeys, as if its cable were cut.</summary>
    public void Mute(byte id)
    {
        lock (_bus.State) _muted.Add(id);
    }

    public void Unmute(byte id)
    {
        lock (_bus.State) _muted.Remove(id);
    }

    /// <summary>The next <paramref name="count"/> status packets go out with a wrong checksum.</summary>
    public void CorruptReplies(int count)
    {
        lock (_bus.State) _corruptReplies += count;
    }

    /// <summary>Bytes of line noise sent just before the next reply.</summary>
    public void NoiseBeforeNextReply(params byte[] noise)
    {
        lock (_bus.State) _noise.Enqueue(noise);
    }

    /// <summary>The next replies go out this late, one delay each (a servo or a host that stalls past the client's timeout).</summary>
    public void DelayReplies(params TimeSpan[] delays)
    {
        lock (_bus.State)
            foreach (var d in delays) _delays.Enqueue(d);
    }

    /// <summary>The delay of the reply about to be sent. Caller holds the state lock.</summary>
    internal TimeSpan TakeDelay() => _delays.TryDequeue(out var d) ? d : TimeSpan.Zero;

    /// <summary>Status bits the servo reports from now on (e.g. <see cref="ServoFaults.Overload"/>); None clears.</summary>
    public void SetFaultBits(byte id, ServoFaults bits) => _bus.WithServo(id, s => s.InjectedFaults = bits);

    /// <summary>Forces the servo's temperature (a hot servo), or back to the plant's with null.</summary>
    public void Heat(byte id, int? celsius) => _bus.WithServo(id, s => s.ForcedCelsius = celsius);

    internal bool IsMuted(byte id) => _muted.Contains(id);

    /// <summary>The bytes that go on the wire for these replies, after noise and corruption. Caller holds the state lock.</summary>
    internal byte[] Shape(IReadOnlyList<StatusPacket> replies)
    {
        var bytes = new List<byte>();
        if (_noise.Count > 0) bytes.AddRange(_noise.Dequeue());
        foreach (var r in replies)
        {
            var packet = r.Encode();
            if (_corruptReplies > 0)
            {
                _corruptReplies--;
                packet[^1] ^= 0x5A;
            }
            bytes.AddRange(packet);
        }
        return bytes.ToArray();
    }
}
