using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// Writes one msgpack document into a growing buffer, always in the smallest encoding (as
/// msgpack-python does). Reusable: <see cref="Clear"/> keeps the buffer for the next message.
/// </summary>
public sealed class MsgpackWriter(int initialCapacity = 1024)
{
    private byte[] _buffer = new byte[Math.Max(16, initialCapacity)];
    private int _length;

    public int Length => _length;
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);
    public byte[] ToArray() => WrittenSpan.ToArray();
    public void Clear() => _length = 0;

    public void WriteNil() => Byte(0xc0);

    public void WriteBool(bool value) => Byte(value ? (byte)0xc3 : (byte)0xc2);

    public void WriteInt(long value)
    {
        if (value >= 0) { WriteUInt((ulong)value); return; }
        if (value >= -32) Byte((byte)(sbyte)value);
        else if (value >= sbyte.MinValue) { Byte(0xd0); Byte((byte)(sbyte)value); }
        else if (value >= short.MinValue) { Byte(0xd1); BinaryPrimitives.WriteInt16BigEndian(Span(2), (short)value); }
        else if (value >= int.MinValue) { Byte(0xd2); BinaryPrimitives.WriteInt32BigEndian(Span(4), (int)value); }
        else { Byte(0xd3); BinaryPrimitives.WriteInt64BigEndian(Span(8), value); }
    }

    public void WriteUInt(ulong value)
    {
        if (value <= 0x7f) Byte((byte)value);
        else if (value <= byte.MaxValue) { Byte(0xcc); Byte((byte)value); }
        else if (value <= ushort.MaxValue) { Byte(0xcd); BinaryPrimitives.WriteUInt16BigEndian(Span(2), (ushort)value); }
        else if (value <= uint.MaxValue) { Byte(0xce); BinaryPrimitives.WriteUInt32BigEndian(Span(4), (uint)value); }
        else { Byte(0xcf); BinaryPrimitives.WriteUInt64BigEndian(Span(8), value); }
    }

    public void WriteFloat32(float value) { Byte(0xca); BinaryPrimitives.WriteSingleBigEndian(Span(4), value); }

    public void WriteFloat64(double value) { Byte(0xcb); BinaryPrimitives.WriteDoubleBigEndian(Span(8), value); }

    public void WriteString(string value)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        if (n < 32) Byte((byte)(0xa0 | n));
        else if (n <= byte.MaxValue) { Byte(0xd9); Byte((byte)n); }
        else if (n <= ushort.MaxValue) { Byte(0xda); BinaryPrimitives.WriteUInt16BigEndian(Span(2), (ushort)n); }
        else { Byte(0xdb); BinaryPrimitives.WriteUInt32BigEndian(Span(4), (uint)n); }
        Encoding.UTF8.GetBytes(value, Span(n));
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        value.CopyTo(Span(value.Length));
    }

    public void WriteBinaryHeader(int length)
    {
        if (length <= byte.MaxValue) { Byte(0xc4); Byte((byte)length); }
        else if (length <= ushort.MaxValue) { Byte(0xc5); BinaryPrimitives.WriteUInt16BigEndian(Span(2), (ushort)length); }
        else { Byte(0xc6); BinaryPrimitives.WriteUInt32BigEndian(Span(4), (uint)length); }
    }

    /// <summary>Reserves <paramref name="length"/> raw bytes (after a bin header) for the caller to fill.</summary>
    public Span<byte> GetRawSpan(int length) => Span(length);

    public void WriteArrayHeader(int count)
    {
        if (count < 16) Byte((byte)(0x90 | count));
        else if (count <= ushort.MaxValue) { Byte(0xdc); BinaryPrimitives.WriteUInt16BigEndian(Span(2), (ushort)count); }
        else { Byte(0xdd); BinaryPrimitives.WriteUInt32BigEndian(Span(4), (uint)count); }
    }

    public void WriteMapHeader(int count)
    {
        if (count < 16) Byte((byte)(0x80 | count));
        else if (count <= ushort.MaxValue) { Byte(0xde); BinaryPrimitives.WriteUInt16BigEndian(Span(2), (ushort)count); }
        else { Byte(0xdf); BinaryPrimitives.WriteUInt32BigEndian(Span(4), (uint)count); }
    }

    /// <summary>
    /// Writes a value tree: null, bool, integers, float, double, string, byte[] (bin), dictionaries
    /// with string keys, <see cref="MsgpackMap"/>, lists, and <see cref="IMsgpackWritable"/> values.
    /// </summary>
    public void Write(object? value)
    {
        switch (value)
        {
            case null: WriteNil(); break;
            case bool b: WriteBool(b); break;
            case sbyte v: WriteInt(v); break;
            case short v: WriteInt(v); break;
            case int v: WriteInt(v); break;
            case long v: WriteInt(v); break;
            case byte v: WriteUInt(v); break;
            case ushort v: WriteUInt(v); break;
            case uint v: WriteUInt(v); break;
            case ulong v: WriteUInt(v); break;
            case float f: WriteFloat32(f); break;
            case double d: WriteFloat64(d); break;
            case string s: WriteString(s); break;
            case byte[] bytes: WriteBinary(bytes); break;
            case IMsgpackWritable w: w.WriteTo(this); break;
            case MsgpackMap map:
                WriteMapHeader(map.Count);
                foreach (var (k, v) in map.Entries) { Write(k); Write(v); }
                break;
            case IReadOnlyDictionary<string, object?> dict:
                WriteMapHeader(dict.Count);
                foreach (var (k, v) in dict) { WriteString(k); Write(v); }
                break;
            case IList list:
                WriteArrayHeader(list.Count);
                foreach (var item in list) Write(item);
                break;
            default:
                throw new MsgpackFormatException(
                    $"cannot write a {value.GetType().Name} as msgpack; expected null, bool, a number, string, byte[], a map with string keys, a list or a numpy array.");
        }
    }

    private void Byte(byte b)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = b;
    }

    private Span<byte> Span(int n)
    {
        if (_length + n > _buffer.Length) Grow(n);
        var span = _buffer.AsSpan(_length, n);
        _length += n;
        return span;
    }

    private void Grow(int needed)
    {
        long size = Math.Max((long)_buffer.Length * 2, (long)_length + needed);
        if (size > Array.MaxLength) throw new MsgpackFormatException($"msgpack document would exceed {Array.MaxLength} bytes.");
        Array.Resize(ref _buffer, (int)size);
    }
}
