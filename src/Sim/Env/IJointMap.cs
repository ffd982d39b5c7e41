using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// Converts between robot units (what policies and real drivers see) and the simulator's
/// actuator controls and joint positions.
/// </summary>
public interface IJointMap
{
    IReadOnlyList<JointSpec> Joints { get; }

    /// <summary>Writes the actuator controls for an action already clamped to the joint limits.</summary>
    void ToControl(ReadOnlySpan<double> action, Span<double> ctrl);

    /// <summary>Reads the joint state in robot units.</summary>
    void ReadState(MjData data, Span<double> state);

    /// <summary>Sets joint positions (and matching controls) from robot units, e.g. for a home pose.</summary>
    void SetPose(MjData data, ReadOnlySpan<double> pose);
}
