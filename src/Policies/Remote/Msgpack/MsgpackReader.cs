using System.Buffers.Binary;
using System.Text;

namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// Decodes one msgpack document into a value tree: null, bool, long (ulong above long.MaxValue),
/// float, double, string (UTF-8), byte[] (bin), object?[] (array), <see cref="MsgpackMap"/>.
/// Extension types are refused: the openpi protocol never uses them. Every length is checked
/// against the bytes that remain, so garbage input fails cleanly instead of allocating gigabytes.
/// </summary>
public static class MsgpackReader
{
    public const int MaxDepth = 64;

    public static object? Read(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        var value = ReadValue(data, ref pos, 0);
        if (pos != data.Length)
            throw new MsgpackFormatException(
                $"msgpack document ends at byte {pos} but the message has {data.Length} bytes; expected exactly one document per message.");
        return value;
    }

    private static object? ReadValue(ReadOnlySpan<byte> d, ref int pos, int depth)
    {
        if (depth > MaxDepth)
            throw new MsgpackFormatException($"msgpack nesting deeper than {MaxDepth} levels at byte {pos}; refusing to decode.");
        int at = pos;
        byte t = Take(d, ref pos, 1)[0];
        if (t <= 0x7f) return (long)t;
        if (t >= 0xe0) return (long)(sbyte)t;
        if ((t & 0xf0) == 0x80) return ReadMap(d, ref pos, t & 0x0f, depth);
        if ((t & 0xf0) == 0x90) return ReadArray(d, ref pos, t & 0x0f, depth);
        if ((t & 0xe0) == 0xa0) return Utf8(d, ref pos, t & 0x1f, at);
        switch (t)
        {
            case 0xc0: return null;
            case 0xc2: return false;
            case 0xc3: return true;
            case 0xc4: return Take(d, ref pos, Take(d, ref pos, 1)[0]).ToArray();
            case 0xc5: return Take(d, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(d, ref pos, 2))).ToArray();
            case 0xc6: return Take(d, ref pos, Length32(d, ref pos)).ToArray();
            case 0xca: return BinaryPrimitives.ReadSingleBigEndian(Take(d, ref pos, 4));
            case 0xcb: return BinaryPrimitives.ReadDoubleBigEndian(Take(d, ref pos, 8));
            case 0xcc: return (long)Take(d, ref pos, 1)[0];
            case 0xcd: return (long)BinaryPrimitives.ReadUInt16BigEndian(Take(d, ref pos, 2));
            case 0xce: return (long)BinaryPrimitives.ReadUInt32BigEndian(Take(d, ref pos, 4));
            case 0xcf:
                ulong u = BinaryPrimitives.ReadUInt64BigEndian(Take(d, ref pos, 8));
                return u <= long.MaxValue ? (long)u : u;
            case 0xd0: return (long)(sbyte)Take(d, ref pos, 1)[0];
            case 0xd1: return (long)BinaryPrimitives.ReadInt16BigEndian(Take(d, ref pos, 2));
            case 0xd2: return (long)BinaryPrimitives.ReadInt32BigEndian(Take(d, ref pos, 4));
            case 0xd3: return BinaryPrimitives.ReadInt64BigEndian(Take(d, ref pos, 8));
            case 0xd9: return Utf8(d, ref pos, Take(d, ref pos, 1)[0], at);
            case 0xda: return Utf8(d, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(d, ref pos, 2)), at);
            case 0xdb: return Utf8(d, ref pos, Length32(d, ref pos), at);
            case 0xdc: return ReadArray(d, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(d, ref pos, 2)), depth);
            case 0xdd: return ReadArray(d, ref pos, Length32(d, ref pos), depth);
            case 0xde: return ReadMap(d, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(d, ref pos, 2)), depth);
            case 0xdf: return ReadMap(d, ref pos, Length32(d, ref pos), depth);
            case 0xc7 or 0xc8 or 0xc9 or 0xd4 or 0xd5 or 0xd6 or 0xd7 or 0xd8:
                throw new MsgpackFormatException(
                    $"msgpack extension type (0x{t:x2}) at byte {at} is not supported: the openpi protocol sends numpy arrays as maps, never as extensions.");
            default:
                throw new MsgpackFormatException($"byte 0x{t:x2} at position {at} is not a msgpack type marker (0xc1 is never used).");
        }
    }

    private static object?[] ReadArray(ReadOnlySpan<byte> d, ref int pos, int count, int depth)
    {
        // Every element takes at least one byte: a larger count can only be garbage.
        if (count > d.Length - pos)
            throw new MsgpackFormatException($"msgpack array claims {count} elements but only {d.Length - pos} bytes remain.");
        var items = new object?[count];
        for (int i = 0; i < count; i++) items[i] = ReadValue(d, ref pos, depth + 1);
        return items;
    }

    private static MsgpackMap ReadMap(ReadOnlySpan<byte> d, ref int pos, int count, int depth)
    {
        if (count > (d.Length - pos) / 2)
            throw new MsgpackFormatException($"msgpack map claims {count} entries but only {d.Length - pos} bytes remain.");
        var entries = new KeyValuePair<object?, object?>[count];
        for (int i = 0; i < count; i++)
        {
            var key = ReadValue(d, ref pos, depth + 1);
            var value = ReadValue(d, ref pos, depth + 1);
            entries[i] = new(key, value);
        }
        return new MsgpackMap(entries);
    }

    private static string Utf8(ReadOnlySpan<byte> d, ref int pos, int length, int at)
    {
        var bytes = Take(d, ref pos, length);
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            throw new MsgpackFormatException($"msgpack str at byte {at} is not valid UTF-8.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static int Length32(ReadOnlySpan<byte> d, ref int pos)
    {
        uint n = BinaryPrimitives.ReadUInt32BigEndian(Take(d, ref pos, 4));
        if (n > int.MaxValue)
            throw new MsgpackFormatException($"msgpack length {n} at byte {pos - 4} exceeds what one message can hold.");
        return (int)n;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> d, ref int pos, int n)
    {
        if (n > d.Length - pos)
            throw new MsgpackFormatException(
                $"msgpack document is truncated: needs {n} more byte(s) at position {pos}, but the message has {d.Length} bytes.");
        var span = d.Slice(pos, n);
        pos += n;
        return span;
    }
}
