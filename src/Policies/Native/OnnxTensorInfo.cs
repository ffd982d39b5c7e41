namespace Harness.Policies.Native;

/// <summary>
/// A model input or output as ORT reports it. <see cref="Shape"/> uses -1 for dynamic dimensions;
/// <see cref="ElementType"/> is null for types Harness does not exchange (see <see cref="ElementTypeCode"/>).
/// </summary>
public sealed record OnnxTensorInfo(string Name, TensorElementType? ElementType, int ElementTypeCode, IReadOnlyList<long> Shape)
{
    public override string ToString() =>
        $"{Name}: {(ElementType?.OnnxName() ?? $"type {ElementTypeCode}")}[{string.Join(",", Shape.Select(d => d < 0 ? "?" : d.ToString()))}]";
}
