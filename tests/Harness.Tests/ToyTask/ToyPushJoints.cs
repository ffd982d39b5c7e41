using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Tests.ToyTask;

/// <summary>The pusher's one joint: its position on the rail in metres, as the simulator has it.</summary>
public sealed class ToyPushJoints(MjModel model) : IJointMap
{
    private readonly int _qpos = model.JointQposAdr(model.RequireId(MjObject.Joint, "pusher"));
    private readonly int _actuator = model.RequireId(MjObject.Actuator, "pusher");

    public IReadOnlyList<JointSpec> Joints { get; } = [new("pusher.pos", Units.Metres, 0, 0.45)];

    public void ToControl(ReadOnlySpan<double> action, Span<double> ctrl) => ctrl[_actuator] = action[0];

    public void ReadState(MjData data, Span<double> state) => state[0] = data.Qpos[_qpos];

    public void SetPose(MjData data, ReadOnlySpan<double> pose)
    {
        data.Qpos[_qpos] = pose[0];
        data.Ctrl[_actuator] = pose[0];
    }
}
