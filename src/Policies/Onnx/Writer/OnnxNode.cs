namespace Harness.Policies.Onnx.Writer;

/// <summary>One operator application (NodeProto) in the default ONNX domain.</summary>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string Name,
    IReadOnlyList<OnnxAttribute> Attributes);
