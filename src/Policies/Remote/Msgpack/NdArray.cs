using System.Buffers.Binary;

namespace Harness.Policies.Remote.Msgpack;

/// <summary>
/// A numpy array as msgpack_numpy carries it: dtype, shape and the raw C-order bytes. On the wire
/// it is a map with four bin keys: <c>__ndarray__</c> (true), <c>data</c>, <c>dtype</c>, <c>shape</c>.
/// </summary>
public sealed record NdArray : IMsgpackWritable
{
    public NdArray(NumpyDType dtype, IReadOnlyList<int> shape, byte[] data)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) throw new MsgpackFormatException($"array shape [{string.Join(", ", shape)}] has a negative dimension.");
            count *= dim;
        }
        if (count * dtype.ItemSize != data.Length)
            throw new MsgpackFormatException(
                $"array of dtype {dtype} and shape [{string.Join(", ", shape)}] needs {count * dtype.ItemSize} bytes of data; got {data.Length}.");
        DType = dtype;
        Shape = shape;
        Data = data;
        Count = (int)count;
    }

    public NumpyDType DType { get; }
    public IReadOnlyList<int> Shape { get; }
    public byte[] Data { get; }
    public int Count { get; }
    public int Rank => Shape.Count;
    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    public static NdArray FromDoubles(double[] values, params int[] shape)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        return new NdArray(NumpyDType.Float64, shape.Length == 0 ? [values.Length] : shape, data);
    }

    public static NdArray FromFloats(ReadOnlySpan<double> values, params int[] shape)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), (float)values[i]);
        return new NdArray(NumpyDType.Float32, shape.Length == 0 ? [values.Length] : shape, data);
    }

    public static NdArray FromBytes(byte[] data, params int[] shape) =>
        new(NumpyDType.UInt8, shape.Length == 0 ? [data.Length] : shape, data);

    /// <summary>Every element as a double (bool as 0/1), in C order.</summary>
    public double[] ToDoubles()
    {
        var result = new double[Count];
        var d = Data.AsSpan();
        int size = DType.ItemSize;
        bool big = DType.BigEndian;
        for (int i = 0; i < result.Length; i++)
        {
            var s = d.Slice(i * size, size);
            result[i] = (DType.Kind, size) switch
            {
                ('b', _) => s[0] != 0 ? 1 : 0,
                ('u', 1) => s[0],
                ('i', 1) => (sbyte)s[0],
                ('u', 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
                ('i', 2) => big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
                ('u', 4) => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
                ('i', 4) => big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
                ('u', 8) => big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
                ('i', 8) => big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
                ('f', 2) => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(s) : BinaryPrimitives.ReadHalfLittleEndian(s)),
                ('f', 4) => big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s),
                ('f', 8) => big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s),
                _ => throw new MsgpackFormatException($"dtype {DType} cannot be read as numbers."),
            };
        }
        return result;
    }

    public void WriteTo(MsgpackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteBinary(MsgpackNumpy.NdArrayKey);
        writer.WriteBool(true);
        writer.WriteBinary(MsgpackNumpy.DataKey);
        writer.WriteBinary(Data);
        writer.WriteBinary(MsgpackNumpy.DTypeKey);
        writer.WriteString(DType.Str);
        writer.WriteBinary(MsgpackNumpy.ShapeKey);
        writer.WriteArrayHeader(Shape.Count);
        foreach (int dim in Shape) writer.WriteInt(dim);
    }
}
