namespace Harness.Core.Robots;

/// <summary>
/// What a robot (simulated or real) looks like from the policy's side. Sim and real robots of
/// the same kind expose equal specs, so a policy cannot tell them apart.
/// </summary>
public sealed record RobotSpec(
    string RobotType,
    IReadOnlyList<JointSpec> Joints,
    IReadOnlyList<CameraSpec> Cameras,
    double ControlHz,
    int MaxEpisodeSteps,
    IReadOnlyList<FeatureSpec> Features)
{
    public int ActionDim => Joints.Count;

    public FeatureSpec? Feature(string name) => Features.FirstOrDefault(f => f.Name == name);

    public CameraSpec? Camera(string name) => Cameras.FirstOrDefault(c => c.Name == name);

    /// <summary>Clamps an action to the joint limits; returns a new array.</summary>
    public double[] ClampAction(IReadOnlyList<double> action)
    {
        if (action.Count != Joints.Count)
            throw new ArgumentException(
                $"action has {action.Count} values; {RobotType} expects {Joints.Count} ({string.Join(", ", Joints.Select(j => j.Key))}).");
        var clamped = new double[action.Count];
        for (int i = 0; i < clamped.Length; i++)
        {
            double v = action[i];
            if (!double.IsFinite(v))
                throw new ArgumentException($"action[{i}] ({Joints[i].Key}) is {v}; actions must be finite numbers.");
            clamped[i] = Joints[i].Clamp(v);
        }
        return clamped;
    }
}
