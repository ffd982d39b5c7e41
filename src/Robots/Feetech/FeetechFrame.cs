namespace Harness.Robots.Feetech;

/// <summary>
/// The framing shared by instruction and status packets: <c>FF FF ID LEN X P1..Pn CHK</c> with
/// LEN = n + 2 and CHK = ~(ID + LEN + X + sum(P)) &amp; 0xFF.
/// </summary>
public static class FeetechFrame
{
    public const byte Header = 0xFF;
    public const byte BroadcastId = 0xFE;

    /// <summary>Largest LEN a packet may carry (the SDKs' 250-byte buffers minus the 4 framing bytes).</summary>
    public const int MaxLength = 246;

    public static byte Checksum(byte id, byte length, byte code, ReadOnlySpan<byte> parameters)
    {
        int sum = id + length + code;
        foreach (byte b in parameters) sum += b;
        return (byte)(~sum & 0xFF);
    }

    /// <summary>Encodes one packet; <paramref name="code"/> is the instruction or the status error byte.</summary>
    public static byte[] Encode(byte id, byte code, ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length + 2 > MaxLength)
            throw new ArgumentException($"a Feetech packet carries at most {MaxLength - 2} parameter bytes; got {parameters.Length}.");
        var bytes = new byte[parameters.Length + 6];
        bytes[0] = Header;
        bytes[1] = Header;
        bytes[2] = id;
        bytes[3] = (byte)(parameters.Length + 2);
        bytes[4] = code;
        parameters.CopyTo(bytes.AsSpan(5));
        bytes[^1] = Checksum(id, bytes[3], code, parameters);
        return bytes;
    }

    /// <summary>"FF FF 01 02 01 FB": how packets are written in logs, errors and tests.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2")));
}
