using Harness.Robots.So101;
using Harness.Robots.Virtual.Feetech;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Twin.Rig;

/// <summary>
/// How a virtual SO-101's servos sit on the simulated joints: encoder ticks (servo frame, before
/// Homing_Offset) = zero tick + joint angle x 4096 / 2 pi, the encoder's true resolution. A joint's
/// travel is its MJCF range (the mechanical stops); its middle pose is the model's joint zero, which
/// the scene declares to be LeRobot's calibration middle pose. Calibrated by LeRobot's procedure,
/// such an arm then reads what LeRobot would read on a real one, quirks included (DEGREES divides
/// by 4095, not 4096).
/// </summary>
public sealed record ServoGeometry(JointElement Element, int JointId, int DofAdr, double ZeroTicks, ServoTravel Travel)
{
    public const double TicksPerRadian = 4096 / (2 * Math.PI);

    /// <summary>
    /// Where each joint's zero is on its encoder, as if the horns were mounted a little off the
    /// encoder's middle (as on a real arm), so homing offsets are not trivially zero.
    /// </summary>
    public static readonly IReadOnlyList<int> RigZeroTicks = [2130, 1960, 1990, 2080, 2010, 2100];

    public double TicksOf(double qpos) => ZeroTicks + qpos * TicksPerRadian;

    public double QposOf(double ticks) => (ticks - ZeroTicks) / TicksPerRadian;

    /// <summary>The actuator control that drives the joint to <paramref name="qpos"/>, through the scene's own element maps.</summary>
    public double CtrlFor(double qpos) => Element.ToCtrl(Element.ToFeature(qpos));

    /// <summary>The six servos of an SO-101 scene, in LeRobot's motor order; refuses any other robot.</summary>
    public static IReadOnlyList<ServoGeometry> For(MjModel model, IJointMap joints, IReadOnlyList<int>? zeroTicks = null)
    {
        zeroTicks ??= RigZeroTicks;
        var elements = (joints as ElementJointMap)?.Elements
            ?? throw new ArgumentException("the scene's joints are not declared as elements; a virtual SO-101 needs a scene package's robot.joints.");
        var motors = So101Motors.Follower();
        if (elements.Count != motors.Count || !elements.Select(e => e.Spec.Key).SequenceEqual(motors.Select(m => m.FeatureKey)))
            throw new ArgumentException(
                $"the scene's joints ({string.Join(", ", elements.Select(e => e.Spec.Key))}) are not an SO-101 follower's ({string.Join(", ", motors.Select(m => m.FeatureKey))}); " +
                "sim-bus so101 needs an SO-101 scene.");
        return elements.Select((e, i) =>
        {
            int joint = model.RequireId(MjObject.Joint, e.Joint);
            if (model.JointType(joint) != MjJointType.Hinge)
                throw new ArgumentException($"joint '{e.Joint}' is not a hinge; an STS3215 turns.");
            var (lo, hi) = model.JointRange(joint);
            if (!(hi > lo))
                throw new ArgumentException($"joint '{e.Joint}' has no range in the MJCF; the virtual servo needs its mechanical stops.");
            double zero = zeroTicks[i];
            int min = (int)Math.Ceiling(zero + lo * TicksPerRadian), max = (int)Math.Floor(zero + hi * TicksPerRadian);
            if (min < 0 || max > 4095)
                throw new ArgumentException($"joint '{e.Joint}' spans ticks {min}..{max} from zero tick {zero}; an STS3215 encoder reads 0..4095.");
            int middle = (int)Math.Round(Math.Clamp(zero, min, max));
            return new ServoGeometry(e, joint, model.JointDofAdr(joint), zero, new ServoTravel(min, max, middle));
        }).ToArray();
    }
}
