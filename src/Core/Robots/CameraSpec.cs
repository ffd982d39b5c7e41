using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>What a camera delivers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CameraKind>))]
public enum CameraKind
{
    /// <summary>uint8 HxWx3 RGB.</summary>
    Rgb,
    /// <summary>Metric depth, float32 HxWx1 in metres.</summary>
    Depth,
}

/// <summary>
/// A camera the robot offers: its name (the feature is <c>observation.images.&lt;name&gt;</c>),
/// kind, the image size it delivers (rows x columns) and its vertical field of view in degrees
/// (intrinsics matter: a policy trained at another FOV sees another world).
/// </summary>
public sealed record CameraSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("fovy_deg")] double FovYDeg,
    [property: JsonPropertyName("kind")] CameraKind Kind = CameraKind.Rgb)
{
    [JsonIgnore] public string FeatureName => FeatureNames.Image(Name);

    [JsonIgnore] public int Channels => Kind == CameraKind.Depth ? 1 : 3;

    /// <summary>Horizontal field of view from the vertical one and the aspect ratio (square pixels).</summary>
    [JsonIgnore] public double FovXDeg => 2 * Math.Atan(Math.Tan(FovYDeg * Math.PI / 360) * Width / Height) * 180 / Math.PI;
}
