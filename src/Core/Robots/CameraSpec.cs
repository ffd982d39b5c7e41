using System.Text.Json.Serialization;

namespace Harness.Core.Robots;

/// <summary>What a camera delivers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CameraKind>))]
public enum CameraKind
{
    /// <summary>uint8 HxWx3 RGB.</summary>
    Rgb,
    /// <summary>Depth, float32: HxWx1 in metres by default (see <see cref="DepthEncoding"/>).</summary>
    Depth,
}

/// <summary>
/// A camera the robot offers: its name (the feature is <c>observation.images.&lt;name&gt;</c>),
/// kind, the image size it delivers (rows x columns) and its vertical field of view in degrees
/// (intrinsics matter: a policy trained at another FOV sees another world). Depth cameras say how
/// their values are encoded (unit, channels, range).
/// </summary>
public sealed record CameraSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("fovy_deg")] double FovYDeg,
    [property: JsonPropertyName("kind")] CameraKind Kind = CameraKind.Rgb,
    [property: JsonPropertyName("depth")] DepthEncoding? Depth = null)
{
    [JsonIgnore] public string FeatureName => FeatureNames.Image(Name);

    [JsonIgnore] public int Channels => Kind == CameraKind.Depth ? Depth?.Channels ?? 1 : 3;

    /// <summary>The range of the feature's values: 0-255 for RGB, the depth encoding's range for depth.</summary>
    [JsonIgnore] public (double Lo, double Hi) ValueRange => Kind == CameraKind.Depth
        ? Depth?.ValueRange ?? (0, double.PositiveInfinity)
        : (0, 255);

    /// <summary>Horizontal field of view from the vertical one and the aspect ratio (square pixels).</summary>
    [JsonIgnore] public double FovXDeg => 2 * Math.Atan(Math.Tan(FovYDeg * Math.PI / 360) * Width / Height) * 180 / Math.PI;
}
