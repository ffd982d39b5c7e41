using System.Text.Json.Serialization;

namespace Harness.Core.Policies;

/// <summary>
/// Which checkpoint a run evaluated, so runs can be paired and sweeps merged only when they really
/// used the same weights: a local package folder with the sha256 of its files, a remote server with
/// the metadata it announced, or a built-in policy. <see cref="Run"/> groups checkpoints of one
/// training run (a learning curve); <see cref="TrainingStep"/> orders them.
/// </summary>
public sealed record CheckpointIdentity(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("sha256")] string? Sha256 = null,
    [property: JsonPropertyName("training_step")] long? TrainingStep = null,
    [property: JsonPropertyName("run")] string? Run = null,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata = null)
{
    public const string Package = "package", Server = "server", BuiltIn = "builtin";
}
