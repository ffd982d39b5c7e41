using Harness.Core.Robots;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// One request entry of a mapped layout: where it goes (<see cref="Key"/>: one key, or a path of
/// keys for nested maps such as <c>images</c> / <c>cam_high</c>) and where it comes from
/// (<see cref="Source"/>: a vector feature, optionally sliced, or an image feature).
/// </summary>
public sealed record LayoutField(IReadOnlyList<string> Key, string Source)
{
    /// <summary>Half-open element range of a vector source; null = the whole vector.</summary>
    public (int Start, int End)? Slice { get; init; }

    /// <summary>Wire dtype of a vector: <c>&lt;f8</c> (lossless) or <c>&lt;f4</c>.</summary>
    public string DType { get; init; } = "<f8";

    public ImageAxes Axes { get; init; } = ImageAxes.HWC;

    /// <summary>Resize-with-pad target for images (rows, columns); null sends the native size.</summary>
    public (int Height, int Width)? Resize { get; init; } = (224, 224);

    /// <summary>An optional image is left out when the observation lacks it.</summary>
    public bool Optional { get; init; }

    public bool IsImage => FeatureNames.IsImage(Source);

    public string KeyText => Key.Count == 1 ? Key[0] : string.Join(" > ", Key);
}
