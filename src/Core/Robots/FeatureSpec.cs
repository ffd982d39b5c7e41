namespace Harness.Core.Robots;

/// <summary>Element type of a feature, named as LeRobot's info.json names them.</summary>
public enum FeatureDType { Float32, Float64, UInt8, Int64, Image }

/// <summary>
/// One named feature of a robot, dataset or policy (LeRobot naming: <c>observation.state</c>,
/// <c>observation.images.&lt;camera&gt;</c>, <c>action</c>). <see cref="Privileged"/> marks
/// simulator-only features that a real robot cannot provide.
/// </summary>
public sealed record FeatureSpec(
    string Name,
    FeatureDType DType,
    IReadOnlyList<int> Shape,
    IReadOnlyList<string>? Names = null,
    bool Privileged = false)
{
    public int Size => Shape.Aggregate(1, (a, b) => a * b);
}
