namespace Harness.Policies.Native;

/// <summary>
/// Tensor element types Harness exchanges with models. The values are both ONNX's
/// TensorProto.DataType and ORT's ONNXTensorElementDataType (they agree).
/// </summary>
public enum TensorElementType
{
    Float32 = 1,
    UInt8 = 2,
    Int64 = 7,
}

public static class TensorElementTypes
{
    public static int ByteSize(this TensorElementType type) => type switch
    {
        TensorElementType.Float32 => 4,
        TensorElementType.UInt8 => 1,
        TensorElementType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string OnnxName(this TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "float32",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int64 => "int64",
        _ => type.ToString(),
    };

    /// <summary>Parses an ONNX/ORT element type code; null for types Harness does not exchange.</summary>
    public static TensorElementType? FromCode(int code) =>
        Enum.IsDefined(typeof(TensorElementType), code) ? (TensorElementType)code : null;
}
