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
public sealed class MujocoServoPlant : IServoPlant, IDisposable
{
    private const double Gravity = 9.81;

    /// <summary>STS3215 stall torque at 12 V (about 30 kg cm): the load register's 100 %.</summary>
    public const double StallTorqueNm = 2.94;

    /// <summary>STS3215 stall current at 12 V: the current register at 100 % load.</summary>
    public const double StallCurrentMilliamps = 2700;

    /// <summary>After a stall of the control thread, at most this much simulated time is caught up (the rest is lost).</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly SceneParts _parts;
    private readonly IReadOnlyList<ServoGeometry> _servos;
    private readonly int _substepsPerControl;
    private readonly double[] _applied;
    private readonly double?[] _maxError;
    private double _pending;
    private long _substeps;
    private int _controlStep;
    private bool _done;

    public MujocoServoPlant(SceneDefinition scene, IReadOnlyList<int>? zeroTicks = null, RigPhysics? physics = null)
    {
        Scene = scene;
        Physics = physics ?? RigPhysics.Nominal;
        Model = MjModel.LoadXml(scene.MjcfPath);
        Data = new MjData(Model);
        try
        {
            _parts = scene.Bind(Model);
            _servos = ServoGeometry.For(Model, _parts.Joints, zeroTicks);
            Physics.ApplyTo(Model);
            _maxError = Physics.MaxErrors(Model, _servos);
            _substepsPerControl = scene.Substeps ?? Math.Max(1, (int)Math.Round(1.0 / (scene.ControlHz * Model.Timestep)));
            _applied = new double[_servos.Count];
            // Power on: the arm as the scene poses it (home), objects as the first layout has them;
            // with torque off it then settles where gravity and its damping take it.
            _parts.Joints.SetPose(Data, scene.HomePose.ToArray());
            _parts.Layout.Apply(Data, 0);
            _parts.Task.Reset(Data, 0);
            var f = Data.XfrcApplied;
            foreach (var b in _parts.GravityCompensated) f[6 * b + 2] = Model.BodyMass(b) * Gravity;
            Data.Forward();
        }
        catch
        {
            Data.Dispose();
            Model.Dispose();
            throw;
        }
    }

    public SceneDefinition Scene { get; }

    /// <summary>How the rig's physics deliberately differs from the scene's.</summary>
    public RigPhysics Physics { get; }
    public MjModel Model { get; }
    private MjData Data { get; }

    public IReadOnlyList<ServoTravel> Travel => _servos.Select(s => s.Travel).ToArray();

    public IReadOnlyList<ServoGeometry> Servos => _servos;

    /// <summary>The scene's seeded placement of objects.</summary>
    public InitialLayout Layout => _parts.Layout;

    /// <summary>Simulated time lost to stalls of the control thread (beyond <see cref="MaxCatchUp"/>).</summary>
    public TimeSpan Lost { get; private set; }

    public double SimTime
    {
        get { lock (_gate) return Data.Time; }
    }

    public void Step(ReadOnlySpan<ServoCommand> commands, Span<ServoReading> readings, TimeSpan dt)
    {
        lock (_gate)
        {
            if (dt > MaxCatchUp)
            {
                Lost += dt - MaxCatchUp;
                dt = MaxCatchUp;
            }
            _pending += dt.TotalSeconds;
            int n = (int)Math.Floor(_pending / Model.Timestep);
            _pending -= n * Model.Timestep;
            for (int k = 0; k < n; k++)
            {
                Drive(commands);
                Data.Step();
                if (++_substeps % _substepsPerControl == 0) MonitorTask();
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

    private void MonitorTask()
    {
        _controlStep++;
        _done |= _parts.Task.Update(Data, _controlStep, Data.Time, _applied);
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

    /// <summary>Lays out the scene's objects for <paramref name="seed"/> (the arm stays where it is) and restarts the task monitor.</summary>
    public IReadOnlyList<(double X, double Y, double Z, double Yaw)> ResetScene(int seed)
    {
        lock (_gate)
        {
            _parts.Layout.Apply(Data, seed);
            _parts.Task.Reset(Data, seed);
            // Episode time starts at the reset, as in a simulated episode (time_to_pick_s counts from it).
            Data.Time = 0;
            Data.Forward();
            _controlStep = 0;
            _done = false;
            return _parts.Layout.Draw(seed);
        }
    }

    /// <summary>The task monitor's outcome for the episode since the last <see cref="ResetScene"/>.</summary>
    public TaskOutcome Conclude(EpisodeEnd end)
    {
        lock (_gate) return _parts.Task.Conclude(end);
    }

    /// <summary>Control periods of simulated time since the last reset, and whether the monitor said the task was done.</summary>
    public (int Steps, bool Done) Progress
    {
        get { lock (_gate) return (_controlStep, _done); }
    }

    /// <summary>Copies the live state into <paramref name="target"/> (a data of <see cref="Model"/>), e.g. to render it.</summary>
    public void CopyStateTo(MjData target)
    {
        lock (_gate)
        {
            target.CopyFrom(Data);
        }
    }

    /// <summary>Joint positions in the scene's feature units (what the simulator's observation.state would say).</summary>
    public double[] JointFeatures()
    {
        lock (_gate)
        {
            var features = new double[_servos.Count];
            var q = Data.Qpos;
            for (int i = 0; i < features.Length; i++) features[i] = _servos[i].Element.ToFeature(q[_servos[i].Element.QposAdr]);
            return features;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Data.Dispose();
            Model.Dispose();
        }
    }
}
