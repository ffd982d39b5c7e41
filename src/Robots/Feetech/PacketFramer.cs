namespace Harness.Robots.Feetech;

/// <summary>What <see cref="PacketFramer.TryTake"/> found.</summary>
public enum FrameResult
{
    /// <summary>Not enough bytes yet for a whole packet.</summary>
    Incomplete,
    /// <summary>A whole packet with a valid checksum.</summary>
    Packet,
    /// <summary>A whole packet whose checksum does not match; its header was dropped so framing can resynchronise.</summary>
    ChecksumMismatch,
}

/// <summary>A packet as framed: id, the instruction or error byte, parameters.</summary>
public readonly record struct FramedPacket(byte Id, byte Code, byte[] Parameters);

/// <summary>
/// Cuts a byte stream into Feetech packets. Bytes before a <c>FF FF</c> header are skipped
/// (line noise, a partial packet from an earlier exchange); a header whose id or length cannot
/// be valid is treated as noise; a checksum mismatch drops that header and resynchronises on
/// the next one. Used by the client (status packets) and the virtual servos (instructions).
/// </summary>
public sealed class PacketFramer
{
    private byte[] _buffer = new byte[512];
    private int _start;
    private int _count;

    /// <summary>Bytes skipped as noise since creation.</summary>
    public long SkippedBytes { get; private set; }

    public int Buffered => _count;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_start + _count + data.Length > _buffer.Length)
        {
            if (_count + data.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + data.Length));
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count);
            _start = 0;
        }
        data.CopyTo(_buffer.AsSpan(_start + _count));
        _count += data.Length;
    }

    /// <summary>Gives up on the oldest buffered byte (a packet that never completed) and reframes from the next.</summary>
    public void DropOldest()
    {
        if (_count > 0) Skip(1);
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }

    public FrameResult TryTake(out FramedPacket packet)
    {
        packet = default;
        while (true)
        {
            var span = _buffer.AsSpan(_start, _count);
            int header = FindHeader(span);
            if (header < 0)
            {
                // Keep a trailing FF: it may be the first half of the next header.
                int keep = span.Length > 0 && span[^1] == FeetechFrame.Header ? 1 : 0;
                Skip(span.Length - keep);
                return FrameResult.Incomplete;
            }
            Skip(header);
            span = _buffer.AsSpan(_start, _count);
            if (span.Length < 4) return FrameResult.Incomplete;
            byte id = span[2];
            byte length = span[3];
            if (id == FeetechFrame.Header || length < 2 || length > FeetechFrame.MaxLength)
            {
                Skip(1); // "FF FF FF ..." or a length no packet has: slide one byte and look again
                continue;
            }
            int total = length + 4;
            if (span.Length < total) return FrameResult.Incomplete;
            byte code = span[4];
            var parameters = span.Slice(5, length - 2).ToArray();
            byte checksum = span[total - 1];
            if (checksum != FeetechFrame.Checksum(id, length, code, parameters))
            {
                Consume(2);
                return FrameResult.ChecksumMismatch;
            }
            Consume(total);
            packet = new FramedPacket(id, code, parameters);
            return FrameResult.Packet;
        }
    }

    private static int FindHeader(ReadOnlySpan<byte> span)
    {
        for (int i = 0; i + 1 < span.Length; i++)
            if (span[i] == FeetechFrame.Header && span[i + 1] == FeetechFrame.Header) return i;
        return -1;
    }

    private void Skip(int n)
    {
        SkippedBytes += n;
        Consume(n);
    }

    private void Consume(int n)
    {
        _start += n;
        _count -= n;
        if (_count == 0) _start = 0;
    }
}
