namespace Harness.Core.Robots;

/// <summary>A camera the robot offers, with the image size it delivers (rows x columns).</summary>
public sealed record CameraSpec(string Name, int Height, int Width)
{
    public string FeatureName => FeatureNames.Image(Name);
}
