namespace Harness.Policies.Onnx.Writer;

/// <summary>A graph: nodes in topological order, constant initializers, graph inputs and outputs.</summary>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);

/// <summary>
/// A whole model (ModelProto): one graph, the default-domain opset it targets, and free-form
/// metadata (metadata_props) that ORT exposes as the custom metadata map.
/// </summary>
public sealed record OnnxModel(
    OnnxGraph Graph,
    IReadOnlyDictionary<string, string> Metadata,
    string ProducerName = "harness",
    string ProducerVersion = "0.1",
    long Opset = OnnxModel.DefaultOpset,
    long IrVersion = OnnxModel.DefaultIrVersion,
    string DocString = "")
{
    public const long DefaultOpset = 17;
    /// <summary>IR version 8 is the one that introduced opset 17 support in ONNX 1.12.</summary>
    public const long DefaultIrVersion = 8;
}
