namespace Harness.Policies.Onnx.Writer;

/// <summary>A node attribute (AttributeProto): a float, an int, a list of ints or a string.</summary>
public sealed record OnnxAttribute(string Name, float? Float = null, long? Int = null, IReadOnlyList<long>? Ints = null, string? Text = null)
{
    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
    public static OnnxAttribute Of(string name, string value) => new(name, Text: value);
}
