using System.Buffers.Binary;
using System.Text;

namespace Harness.Policies.Onnx.Writer;

/// <summary>
/// Protocol Buffers wire encoding, just what ONNX's messages need: varints (wire type 0),
/// length-delimited bytes/strings/sub-messages (wire type 2) and packed repeated scalars.
/// Sub-messages are encoded into their own writer first so that their length is known.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public void Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value); // negative int32/int64 are sign-extended to 10 bytes, as protobuf does
    }

    public void String(int field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        Bytes(field, Encoding.UTF8.GetBytes(value));
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>Repeated int64 written one element per tag (what proto2 ONNX fields declare).</summary>
    public void RepeatedInt64(int field, IReadOnlyList<long> values)
    {
        foreach (var v in values) Varint(field, v);
    }

    public void PackedFloat(int field, IReadOnlyList<float> values)
    {
        if (values.Count == 0) return;
        var bytes = new byte[values.Count * 4];
        for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        Bytes(field, bytes);
    }

    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _buffer.Write(b);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _buffer.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        _buffer.WriteByte((byte)v);
    }
}
