namespace Harness.Core.Robots;

/// <summary>
/// One commanded degree of freedom in robot units (degrees for SO-101 body joints, 0-100 for its
/// gripper, radians for Trossen joints, ...). <see cref="Key"/> is the LeRobot motor key, e.g.
/// <c>shoulder_pan.pos</c>.
/// </summary>
public sealed record JointSpec(string Key, string Unit, double Min, double Max)
{
    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
