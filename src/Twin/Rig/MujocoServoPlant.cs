using Harness.Core.Tasks;
using Harness.Robots.Virtual.Feetech;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Rig;

/// <summary>
/// The physics of a virtual SO-101: the scene's MuJoCo model (arm, table, objects) advanced in
/// real time, tick by tick, under the six emulated servos. A servo with torque on drives its joint's
/// actuator (the scene's servo model) to the goal; with torque off the actuator's target follows
/// the joint (no stiffness; the model's damping stays, like a back-driven geared servo) so the arm
/// sags under gravity; a hand holding a joint sets it. Every control period of simulated time the
/// scene's task monitor is updated, as in a simulated episode, so the rig can say how an episode
/// ended. Thread-safe: the bus's control thread steps it while the operator channel resets the
/// scene and the camera feed copies its state.
/// </summary>
public sealed class MujocoServoPlant : RigSimulation, IServoPlant
{
    /// <summary>STS3215 stall torque at 12 V (about 30 kg cm): the load register's 100 %.</summary>
    public const double StallTorqueNm = 2.94;

    /// <summary>STS3215 stall current at 12 V: the current register at 100 % load.</summary>
    public const double StallCurrentMilliamps = 2700;

    private readonly IReadOnlyList<ServoGeometry> _servos;
    private readonly double[] _applied;
    private readonly double?[] _maxError;

    public MujocoServoPlant(SceneDefinition scene, IReadOnlyList<int>? zeroTicks = null, RigPhysics? physics = null) : base(scene)
    {
        Physics = physics ?? RigPhysics.Nominal;
        try
        {
            _servos = ServoGeometry.For(Model, Parts.Joints, zeroTicks);
            Physics.ApplyTo(Model);
            _maxError = Physics.MaxErrors(Model, _servos);
            _applied = new double[_servos.Count];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>How the rig's physics deliberately differs from the scene's.</summary>
    public RigPhysics Physics { get; }

    public IReadOnlyList<ServoTravel> Travel => _servos.Select(s => s.Travel).ToArray();

    public IReadOnlyList<ServoGeometry> Servos => _servos;

    public void Step(ReadOnlySpan<ServoCommand> commands, Span<ServoReading> readings, TimeSpan dt)
    {
        lock (Gate)
        {
            int n = StepsFor(dt);
            for (int k = 0; k < n; k++)
            {
                Drive(commands);
                StepOnce(_applied);
            }
            if (n == 0) Data.Kinematics();
            Read(commands, readings);
        }
    }

    private void Drive(ReadOnlySpan<ServoCommand> commands)
    {
        var q = Data.Qpos;
        var v = Data.Qvel;
        var ctrl = Data.Ctrl;
        for (int i = 0; i < _servos.Count; i++)
        {
            var s = _servos[i];
            var c = commands[i];
            int adr = s.Element.QposAdr;
            if (c.HandTicks is double hand)
            {
                double target = s.QposOf(s.Travel.Clamp(hand));
                q[adr] = target;
                v[s.DofAdr] = 0;
                ctrl[s.Element.Actuator] = s.CtrlFor(target);
            }
            else if (c.TorqueOn)
            {
                double goal = s.QposOf(s.Travel.Clamp(c.GoalTicks));
                // A torque-limited servo pushes no harder than its limit, whatever the goal.
                if (_maxError[i] is double e) goal = Math.Clamp(goal, q[adr] - e, q[adr] + e);
                ctrl[s.Element.Actuator] = s.CtrlFor(goal);
            }
            else
                ctrl[s.Element.Actuator] = s.CtrlFor(q[adr]);
            _applied[i] = s.Element.ToFeature(s.QposOf(c.TorqueOn ? s.Travel.Clamp(c.GoalTicks) : s.TicksOf(q[adr])));
        }
    }

    private void Read(ReadOnlySpan<ServoCommand> commands, Span<ServoReading> readings)
    {
        var q = Data.Qpos;
        var v = Data.Qvel;
        var force = Data.ActuatorForce;
        for (int i = 0; i < _servos.Count; i++)
        {
            var s = _servos[i];
            double position = commands[i].HandTicks is double hand ? s.Travel.Clamp(hand) : s.TicksOf(q[s.Element.QposAdr]);
            double load = commands[i].TorqueOn ? Math.Clamp(force[s.Element.Actuator] / StallTorqueNm * 100, -100, 100) : 0;
            readings[i] = new ServoReading(position, v[s.DofAdr] * ServoGeometry.TicksPerRadian, load, 12.0, 31, Math.Abs(load) / 100 * StallCurrentMilliamps);
        }
    }

    /// <summary>Joint positions in the scene's feature units (what the simulator's observation.state would say).</summary>
    public double[] JointFeatures()
    {
        lock (Gate)
        {
            var features = new double[_servos.Count];
            var q = Data.Qpos;
            for (int i = 0; i < features.Length; i++) features[i] = _servos[i].Element.ToFeature(q[_servos[i].Element.QposAdr]);
            return features;
        }
    }
}
