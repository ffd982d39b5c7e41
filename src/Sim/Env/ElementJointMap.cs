using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// A joint map made of declared elements (from a scene package): each element converts linearly
/// between its feature unit and the simulator's joint position and actuator control.
/// </summary>
public sealed class ElementJointMap(IReadOnlyList<JointElement> elements) : IJointMap
{
    public IReadOnlyList<JointElement> Elements => elements;

    public IReadOnlyList<JointSpec> Joints { get; } = elements.Select(e => e.Spec).ToArray();

    public void ToControl(ReadOnlySpan<double> action, Span<double> ctrl)
    {
        for (int i = 0; i < elements.Count; i++) ctrl[elements[i].Actuator] = elements[i].ToCtrl(action[i]);
    }

    public void ReadState(MjData data, Span<double> state)
    {
        var q = data.Qpos;
        for (int i = 0; i < elements.Count; i++) state[i] = elements[i].ToFeature(q[elements[i].QposAdr]);
    }

    public void SetPose(MjData data, ReadOnlySpan<double> pose)
    {
        var q = data.Qpos;
        var c = data.Ctrl;
        for (int i = 0; i < elements.Count; i++)
        {
            q[elements[i].QposAdr] = elements[i].ToSim(pose[i]);
            c[elements[i].Actuator] = elements[i].ToCtrl(pose[i]);
        }
    }
}
