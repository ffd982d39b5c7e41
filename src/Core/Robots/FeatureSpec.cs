using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>Element type of a feature, named as LeRobot's info.json names them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureDType>))]
public enum FeatureDType { Float32, Float64, UInt8, Int64, Image }

/// <summary>
/// One named feature of a robot, dataset or policy (LeRobot naming: <c>observation.state</c>,
/// <c>observation.images.&lt;camera&gt;</c>, <c>action</c>). <see cref="Names"/> names each element
/// and <see cref="Units"/> gives each element's unit (see <see cref="Robots.Units"/>; null for
/// images). <see cref="Privileged"/> marks simulator-only features that a real robot cannot provide.
/// </summary>
public sealed record FeatureSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dtype")] FeatureDType DType,
    [property: JsonPropertyName("shape")] IReadOnlyList<int> Shape,
    [property: JsonPropertyName("names")] IReadOnlyList<string>? Names = null,
    [property: JsonPropertyName("privileged")] bool Privileged = false,
    [property: JsonPropertyName("units")] IReadOnlyList<string>? Units = null)
{
    [JsonIgnore] public int Size => Shape.Aggregate(1, (a, b) => a * b);

    [JsonIgnore] public bool IsImage => FeatureNames.IsImage(Name);
}
