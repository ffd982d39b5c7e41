using Microsoft.ML.OnnxRuntime;

namespace Harness.Policies.Native;

/// <summary>
/// A dense tensor in row-major order: element type, shape and a managed array holding the values
/// (float[], byte[] or long[]). The tensor owns its array; callers must not change it afterwards.
/// </summary>
public sealed class OnnxTensor
{
    private readonly long[] _shape;

    private OnnxTensor(TensorElementType type, long[] shape, Array data)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"tensor shape [{string.Join(",", shape)}] has a negative dimension.");
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"tensor shape [{string.Join(",", shape)}] holds {count} values; the data has {data.Length}.");
        ElementType = type;
        _shape = shape;
        Data = data;
    }

    public TensorElementType ElementType { get; }
    public IReadOnlyList<long> Shape => _shape;
    internal Array Data { get; }
    public int Length => Data.Length;

    public static OnnxTensor FromFloats(float[] data, params long[] shape) => new(TensorElementType.Float32, shape, data);
    public static OnnxTensor FromBytes(byte[] data, params long[] shape) => new(TensorElementType.UInt8, shape, data);
    public static OnnxTensor FromInt64(long[] data, params long[] shape) => new(TensorElementType.Int64, shape, data);

    public ReadOnlySpan<float> Floats => Data as float[] ?? throw WrongType(TensorElementType.Float32);
    public ReadOnlySpan<byte> Bytes => Data as byte[] ?? throw WrongType(TensorElementType.UInt8);
    public ReadOnlySpan<long> Int64s => Data as long[] ?? throw WrongType(TensorElementType.Int64);

    private InvalidOperationException WrongType(TensorElementType wanted) =>
        new($"tensor holds {ElementType.OnnxName()} values, not {wanted.OnnxName()}.");

    public override string ToString() => $"{ElementType.OnnxName()}[{string.Join(",", Shape)}]";

    /// <summary>An OrtValue over this tensor's array (pinned until the value is disposed; no copy).</summary>
    internal OrtValue ToOrtValue() => Data switch
    {
        float[] f => OrtValue.CreateTensorValueFromMemory(f, _shape),
        byte[] b => OrtValue.CreateTensorValueFromMemory(b, _shape),
        long[] l => OrtValue.CreateTensorValueFromMemory(l, _shape),
        _ => throw new InvalidOperationException($"unexpected tensor data {Data.GetType().Name}."),
    };

    /// <summary>Copies an ORT output into a managed tensor.</summary>
    internal static OnnxTensor CopyOf(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        return TensorElementTypes.FromCode((int)info.ElementDataType) switch
        {
            TensorElementType.Float32 => FromFloats(value.GetTensorDataAsSpan<float>().ToArray(), shape),
            TensorElementType.UInt8 => FromBytes(value.GetTensorDataAsSpan<byte>().ToArray(), shape),
            TensorElementType.Int64 => FromInt64(value.GetTensorDataAsSpan<long>().ToArray(), shape),
            _ => throw new NotSupportedException(
                $"output '{name}' has ONNX element type {(int)info.ElementDataType}; Harness reads float32, uint8 and int64 outputs."),
        };
    }
}

/// <summary>Reads a float32 tensor in place: its values (row-major) and its shape.</summary>
public delegate T FloatTensorReader<out T>(ReadOnlySpan<float> values, ReadOnlySpan<long> shape);
