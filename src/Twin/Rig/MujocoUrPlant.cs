using Harness.Robots.Virtual.UR;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Twin.Rig;

/// <summary>
/// The arm and fingers behind a virtual UR controller: the scene's MuJoCo UR5e + Robotiq 2F-85
/// (7 elements: six arm joints in rad, then the gripper as register / 255) advanced one controller
/// cycle at a time. The controller's servoj / movej / stopj targets are interpolated the way the
/// controller does (<see cref="KinematicUrPlant"/>: each call a straight joint segment over its time
/// t, at most 180 deg/s) and that setpoint drives the arm's position servos, so the arm lags and
/// carries the block as the model's physics says. The fingers' position target runs towards the
/// Robotiq's POS request at the requested speed; the gripper reads its position back as
/// right_driver / 0.8 x 255 (0 open, about 249 closed on nothing, about 143 on the 4 cm block; a
/// real 2F-85 reads about 3 .. 230) and reports an object when the jaws stop, short of the request,
/// touching something that is not the gripper.
/// </summary>
public sealed class MujocoUrPlant : RigSimulation, IUrArmPlant, IGripperPlant
{
    /// <summary>Register counts per controller cycle below which the fingers count as stopped.</summary>
    public const double StallCounts = 0.02;

    /// <summary>Cycles the fingers must stay stopped before they have arrived or are blocked.</summary>
    public const int StallCycles = 10;

    /// <summary>A stop this many counts short of the request while touching something is a grip.</summary>
    public const double GripShortfall = 5;

    private readonly KinematicUrPlant _setpoint;
    private readonly double[] _applied, _state, _q = new double[6], _qd = new double[6];
    private readonly int[] _jawGeoms;
    private readonly HashSet<int> _gripperBodies;
    private double _fingerTarget, _fingerRequest, _lastPosition;
    private int _still;

    public MujocoUrPlant(SceneDefinition scene) : base(scene)
    {
        try
        {
            int n = Parts.Joints.Joints.Count;
            if (n != 7 || !Parts.Joints.Joints[6].IsGripper)
                throw new ArgumentException(
                    $"scene '{scene.Name}' is not a UR5e with a gripper: a virtual UR controller needs 7 elements (six arm joints, then the gripper); it has {n} " +
                    $"({string.Join(", ", Parts.Joints.Joints.Select(j => j.Key))}).");
            _applied = new double[n];
            _state = new double[n];
            Parts.Joints.ReadState(Data, _state);
            Array.Copy(_state, _q, 6);
            _setpoint = new KinematicUrPlant(_q);
            _fingerTarget = _fingerRequest = _lastPosition = _state[6] * 255;
            var gripper = scene.PrimaryGripper;
            _gripperBodies = gripper.Bodies.Select(b => Model.RequireId(MjObject.Body, b)).ToHashSet();
            var jaws = gripper.FixedJaw.Concat(gripper.MovingJaw).ToArray();
            _jawGeoms = Enumerable.Range(0, Model.NGeom)
                .Where(g => Model.Name(MjObject.Geom, g) is { } name && jaws.Any(j => name.StartsWith(j, StringComparison.Ordinal)))
                .ToArray();
            if (_jawGeoms.Length == 0)
                throw new ArgumentException($"scene '{scene.Name}': no geom is named after the gripper's jaws ({string.Join(", ", jaws)}).");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public UrPlantState State
    {
        get { lock (Gate) return new UrPlantState(_q.ToArray(), _qd.ToArray()); }
    }

    public UrPlantState Step(ServoTarget? target, double dt)
    {
        var setpoint = _setpoint.Step(target, dt).Q;
        lock (Gate)
        {
            Array.Copy(setpoint, _applied, 6);
            _applied[6] = _fingerTarget / 255;
            int n = StepsFor(TimeSpan.FromSeconds(dt));
            for (int k = 0; k < n; k++)
            {
                Parts.Joints.ToControl(_applied, Data.Ctrl);
                StepOnce(_applied);
            }
            if (n == 0) Data.Kinematics();
            Parts.Joints.ReadState(Data, _state);
            for (int j = 0; j < 6; j++)
            {
                _qd[j] = (_state[j] - _q[j]) / dt;
                _q[j] = _state[j];
            }
            return new UrPlantState(_q.ToArray(), _qd.ToArray());
        }
    }

    /// <summary>The fingers' position in the gripper's register scale.</summary>
    public double Position
    {
        get { lock (Gate) return _state[6] * 255; }
    }

    public bool Step(double target, double countsPerSecond, double dt)
    {
        lock (Gate)
        {
            _fingerRequest = Math.Clamp(target, 0, 255);
            double delta = _fingerRequest - _fingerTarget, reach = countsPerSecond * dt;
            _fingerTarget = Math.Abs(delta) <= reach ? _fingerRequest : _fingerTarget + Math.Sign(delta) * reach;
            double position = _state[6] * 255;
            _still = Math.Abs(position - _lastPosition) < StallCounts ? _still + 1 : 0;
            _lastPosition = position;
            return Stopped && position < _fingerRequest - GripShortfall && Touching();
        }
    }

    public bool Arrived(double target)
    {
        lock (Gate) return Stopped && !(_state[6] * 255 < _fingerRequest - GripShortfall && Touching());
    }

    // The finger target has reached the request and the fingers have not moved for a while.
    private bool Stopped => _fingerTarget == _fingerRequest && _still >= StallCycles;

    // A jaw pad touches a geom that is not part of the gripper (the block, the table, the bin).
    private bool Touching()
    {
        for (int i = 0; i < Data.ContactCount; i++)
        {
            var c = Data.Contact(i);
            bool jaw1 = Array.IndexOf(_jawGeoms, c.Geom1) >= 0, jaw2 = Array.IndexOf(_jawGeoms, c.Geom2) >= 0;
            if (jaw1 && !_gripperBodies.Contains(Model.GeomBody(c.Geom2))) return true;
            if (jaw2 && !_gripperBodies.Contains(Model.GeomBody(c.Geom1))) return true;
        }
        return false;
    }
}
