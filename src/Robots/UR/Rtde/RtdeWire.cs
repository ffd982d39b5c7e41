using System.Buffers.Binary;
using System.Text;

namespace Harness.Robots.UR.Rtde;

/// <summary>
/// RTDE framing and the control payloads, shared by the client and the virtual controller.
/// A package is uint16 size (header included) + uint8 command + payload, big endian.
/// </summary>
public static class RtdeWire
{
    public const int HeaderSize = 3;
    public const int MaxPackageSize = ushort.MaxValue;

    public static byte[] Frame(RtdeCommand command, ReadOnlySpan<byte> payload)
    {
        int size = HeaderSize + payload.Length;
        if (size > MaxPackageSize)
            throw new RtdeException($"RTDE package of {size} bytes exceeds the 16-bit size field ({MaxPackageSize}).");
        var frame = new byte[size];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)size);
        frame[2] = (byte)command;
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static byte[] UInt16(ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return b;
    }

    /// <summary>'O' request of protocol 2: double frequency then comma-separated names.</summary>
    public static byte[] SetupOutputsRequest(double frequency, IEnumerable<string> names)
    {
        var text = Encoding.UTF8.GetBytes(string.Join(",", names));
        var b = new byte[8 + text.Length];
        BinaryPrimitives.WriteDoubleBigEndian(b, frequency);
        text.CopyTo(b, 8);
        return b;
    }

    /// <summary>Setup reply ('O' and 'I'): uint8 recipe id then the comma-separated type words.</summary>
    public static byte[] SetupReply(byte recipeId, IEnumerable<string> words)
    {
        var text = Encoding.UTF8.GetBytes(string.Join(",", words));
        var b = new byte[1 + text.Length];
        b[0] = recipeId;
        text.CopyTo(b, 1);
        return b;
    }

    public static (byte RecipeId, string[] Words) ParseSetupReply(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 1) throw new RtdeException("setup reply without a payload (expected a recipe id and field types).");
        var text = Encoding.UTF8.GetString(payload[1..]);
        return (payload[0], text.Length == 0 ? [] : text.Split(','));
    }

    public static byte[] ControllerVersion(ControllerVersion v)
    {
        var b = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(b, v.Major);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), v.Minor);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), v.Bugfix);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), v.Build);
        return b;
    }

    public static ControllerVersion ParseControllerVersion(ReadOnlySpan<byte> p)
    {
        if (p.Length != 16) throw new RtdeException($"controller version reply of {p.Length} bytes; expected 16 (4 x uint32).");
        return new ControllerVersion(BinaryPrimitives.ReadUInt32BigEndian(p), BinaryPrimitives.ReadUInt32BigEndian(p[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(p[8..]), BinaryPrimitives.ReadUInt32BigEndian(p[12..]));
    }

    /// <summary>Protocol 2 text message: uint8 length + message, uint8 length + source, uint8 level.</summary>
    public static byte[] TextMessage(RtdeTextMessage m)
    {
        var msg = Truncated(m.Message);
        var src = Truncated(m.Source);
        var b = new byte[3 + msg.Length + src.Length];
        b[0] = (byte)msg.Length;
        msg.CopyTo(b, 1);
        b[1 + msg.Length] = (byte)src.Length;
        src.CopyTo(b, 2 + msg.Length);
        b[^1] = (byte)m.Level;
        return b;
    }

    private static byte[] Truncated(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return b.Length <= 255 ? b : b[..255];
    }

    public static RtdeTextMessage ParseTextMessage(ReadOnlySpan<byte> p, int protocolVersion)
    {
        if (p.Length < 1) throw new RtdeException("text message without a payload.");
        if (protocolVersion < 2)
            return new RtdeTextMessage((RtdeMessageLevel)p[0], "", Encoding.UTF8.GetString(p[1..]));
        int ml = p[0];
        if (p.Length < 1 + ml + 1) throw new RtdeException("text message shorter than its message length byte says.");
        var msg = Encoding.UTF8.GetString(p.Slice(1, ml));
        int sl = p[1 + ml];
        if (p.Length < 2 + ml + sl + 1) throw new RtdeException("text message shorter than its source length byte says.");
        var src = Encoding.UTF8.GetString(p.Slice(2 + ml, sl));
        return new RtdeTextMessage((RtdeMessageLevel)p[2 + ml + sl], src, msg);
    }
}

/// <summary>Reads whole RTDE packages from a stream (buffered: one package is usually one read).</summary>
public sealed class RtdePackageReader(Stream stream)
{
    private readonly BufferedStream _in = new(stream, 1 << 16);
    private readonly byte[] _header = new byte[RtdeWire.HeaderSize];

    /// <summary>The next package, or null when the peer closed the stream cleanly between packages.</summary>
    public (RtdeCommand Command, byte[] Payload)? Read()
    {
        int got = 0;
        while (got < _header.Length)
        {
            int n = _in.Read(_header, got, _header.Length - got);
            if (n == 0)
            {
                if (got == 0) return null;
                throw new EndOfStreamException($"stream closed inside an RTDE header ({got} of 3 bytes).");
            }
            got += n;
        }
        int size = BinaryPrimitives.ReadUInt16BigEndian(_header);
        if (size < RtdeWire.HeaderSize) throw new RtdeException($"RTDE package size {size} is below the 3-byte header.");
        var payload = new byte[size - RtdeWire.HeaderSize];
        _in.ReadExactly(payload);
        return ((RtdeCommand)_header[2], payload);
    }
}
