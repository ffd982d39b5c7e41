using System.Text.Json.Serialization;

namespace Harness.Eval.Sweeps;

/// <summary>
/// One checkpoint of a sweep: the name of its run folder, the policy spec evaluated (<c>onnx:DIR</c>,
/// <c>openpi:ws://...</c>, <c>scripted</c>, or a folder that <c>--serve-cmd</c> serves), and what
/// identifies its weights (sha256 of the folder's files) so that shards and resumed sweeps can prove
/// they evaluated the same checkpoints.
/// </summary>
public sealed record SweepCheckpoint(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("spec")] string Spec,
    [property: JsonPropertyName("served")] bool Served = false,
    [property: JsonPropertyName("sha256")] string? Sha256 = null,
    [property: JsonPropertyName("training_step")] long? TrainingStep = null)
{
    /// <summary>The folder the checkpoint lives in (packages and served folders), else null.</summary>
    [JsonIgnore]
    public string? Folder => Served ? Spec : Spec.StartsWith("onnx:", StringComparison.Ordinal) ? Spec["onnx:".Length..] : null;
}
