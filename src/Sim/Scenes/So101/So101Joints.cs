using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Scenes.So101;

/// <summary>
/// SO-101 units as the LeRobot follower reports them: body joints in degrees (0 = the model's
/// joint zero, the calibration middle pose), gripper 0 (closed, jaw at -10 deg) to 100 (open,
/// jaw at 100 deg).
/// </summary>
public sealed class So101Joints : IJointMap
{
    public static readonly string[] Motors = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];
    public const double GripperClosedDeg = -10, GripperOpenDeg = 100;

    private readonly int[] _qposAdr;
    private readonly int[] _actuator;

    public So101Joints(MjModel model)
    {
        _qposAdr = Motors.Select(m => model.JointQposAdr(model.RequireId(MjObject.Joint, m))).ToArray();
        _actuator = Motors.Select(m => model.RequireId(MjObject.Actuator, m)).ToArray();
        Joints = Motors.Select((m, i) =>
        {
            if (m == "gripper") return new JointSpec("gripper.pos", Units.Percent, 0, 100, JointKind.Gripper, new GripperSense(Open: 100, Closed: 0));
            var (lo, hi) = model.JointRange(model.RequireId(MjObject.Joint, m));
            return new JointSpec($"{m}.pos", Units.Degrees, Math.Round(lo * 180 / Math.PI, 3), Math.Round(hi * 180 / Math.PI, 3));
        }).ToArray();
    }

    public IReadOnlyList<JointSpec> Joints { get; }

    public static double GripperToRad(double g) => (GripperClosedDeg + g / 100.0 * (GripperOpenDeg - GripperClosedDeg)) * Math.PI / 180;
    public static double RadToGripper(double rad) => (rad * 180 / Math.PI - GripperClosedDeg) / (GripperOpenDeg - GripperClosedDeg) * 100.0;

    public static double ToRad(int joint, double value) => joint == 5 ? GripperToRad(value) : value * Math.PI / 180;
    public static double FromRad(int joint, double rad) => joint == 5 ? RadToGripper(rad) : rad * 180 / Math.PI;

    public void ToControl(ReadOnlySpan<double> action, Span<double> ctrl)
    {
        for (int i = 0; i < Motors.Length; i++) ctrl[_actuator[i]] = ToRad(i, action[i]);
    }

    public void ReadState(MjData data, Span<double> state)
    {
        var q = data.Qpos;
        for (int i = 0; i < Motors.Length; i++) state[i] = FromRad(i, q[_qposAdr[i]]);
    }

    public void SetPose(MjData data, ReadOnlySpan<double> pose)
    {
        var q = data.Qpos;
        var c = data.Ctrl;
        for (int i = 0; i < Motors.Length; i++)
        {
            q[_qposAdr[i]] = ToRad(i, pose[i]);
            c[_actuator[i]] = ToRad(i, pose[i]);
        }
    }
}
