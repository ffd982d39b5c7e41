namespace Harness.Core.Robots;

/// <summary>
/// What the robot reports at one control step: vector features by name (always including
/// <c>observation.state</c>) and camera images by feature name.
/// </summary>
public sealed record Observation(
    int Step,
    double Time,
    IReadOnlyDictionary<string, double[]> Vectors,
    IReadOnlyDictionary<string, CameraImage> Images)
{
    public double[] State => Vector(FeatureNames.State);

    public double[] Vector(string name) =>
        Vectors.TryGetValue(name, out var v) ? v
            : throw new KeyNotFoundException(
                $"observation has no feature '{name}'; it has: {string.Join(", ", Vectors.Keys.Concat(Images.Keys))}.");

    public CameraImage Image(string feature) =>
        Images.TryGetValue(feature, out var img) ? img
            : throw new KeyNotFoundException(
                $"observation has no image '{feature}'; it has: {(Images.Count == 0 ? "no images" : string.Join(", ", Images.Keys))}.");
}
