namespace Harness.Core.Robots;

/// <summary>Feature names shared by robots, datasets and policies (LeRobot's convention).</summary>
public static class FeatureNames
{
    public const string State = "observation.state";
    public const string EnvironmentState = "observation.environment_state";
    public const string Action = "action";
    public const string ImagePrefix = "observation.images.";

    public static string Image(string camera) => ImagePrefix + camera;

    public static bool IsImage(string feature) => feature.StartsWith(ImagePrefix, StringComparison.Ordinal);

    public static string CameraOf(string imageFeature) =>
        IsImage(imageFeature) ? imageFeature[ImagePrefix.Length..]
            : throw new ArgumentException($"'{imageFeature}' is not an image feature (expected '{ImagePrefix}<camera>').");
}
