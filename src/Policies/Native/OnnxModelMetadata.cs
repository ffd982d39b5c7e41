namespace Harness.Policies.Native;

/// <summary>What a model says about itself (ModelProto fields and its custom metadata_props map).</summary>
public sealed record OnnxModelMetadata(
    string ProducerName,
    string GraphName,
    string Domain,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> Custom);
