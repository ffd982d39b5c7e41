using Harness.Policies.Native;

namespace Harness.Policies.Onnx.Writer;

/// <summary>
/// A graph input or output: name, element type and shape. A dimension is either a fixed size or
/// a symbolic name (e.g. "batch"), given as a string.
/// </summary>
public sealed record OnnxValueInfo(string Name, TensorElementType ElementType, IReadOnlyList<OnnxDim> Shape);

/// <summary>One tensor dimension: fixed (<see cref="Value"/>) or symbolic (<see cref="Param"/>).</summary>
public readonly record struct OnnxDim(long? Value, string? Param)
{
    public static implicit operator OnnxDim(long value) => new(value, null);
    public static implicit operator OnnxDim(string param) => new(null, param);
    public override string ToString() => Value?.ToString() ?? Param ?? "?";
}
