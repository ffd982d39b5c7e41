using System.Runtime.InteropServices;
using Harness.Policies.Native;

namespace Harness.Policies.Onnx.Writer;

/// <summary>A constant tensor stored in the graph (weights, biases, shapes), little-endian raw bytes.</summary>
public sealed record OnnxInitializer(string Name, TensorElementType ElementType, IReadOnlyList<long> Dims, byte[] RawData)
{
    public static OnnxInitializer Floats(string name, float[] values, params long[] dims) =>
        Checked(new(name, TensorElementType.Float32, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), values.Length);

    public static OnnxInitializer Int64s(string name, long[] values, params long[] dims) =>
        Checked(new(name, TensorElementType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), values.Length);

    public static OnnxInitializer Bytes(string name, byte[] values, params long[] dims) =>
        Checked(new(name, TensorElementType.UInt8, dims, (byte[])values.Clone()), values.Length);

    private static OnnxInitializer Checked(OnnxInitializer init, int count)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer assumes a little-endian host.");
        long expected = init.Dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
            throw new ArgumentException($"initializer '{init.Name}' has dims [{string.Join(",", init.Dims)}] ({expected} values) but {count} values were given.");
        return init;
    }
}
