using Harness.Core.Kinematics;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Kinematics;

/// <summary>
/// The arm kinematics of a scene package, on a private copy of its MJCF model: forward kinematics
/// of the declared tool frame (an MJCF site) in the declared base frame (a body), and damped
/// least-squares IK with priorities: the position first, then, within the joint motions that keep
/// the position, as much of the orientation as the arm can reach (MuJoCo's site Jacobians,
/// mj_jacSite). An arm with fewer than six joints thus keeps the position and comes as close as it
/// can in orientation; whether that is within tolerance is judged on the components it honours.
/// Joints are the scene's state/action elements (robot units, through the scene's joint map).
/// </summary>
public sealed class MujocoArmKinematics : IArmKinematics
{
    public const int MaxIterations = 100;
    /// <summary>Damping of the position and orientation tasks (m, rad scale).</summary>
    public const double PositionDamping = 1e-3, OrientationDamping = 1e-2;
    /// <summary>Largest joint change per iteration (rad), so a far target is approached, not overshot.</summary>
    public const double MaxStepRad = 0.25;
    /// <summary>A joint this close to a limit (rad) counts as at it.</summary>
    public const double LimitMarginRad = 1e-6;

    private readonly MjModel _model;
    private readonly MjData _data;
    private readonly IReadOnlyList<JointElement> _elements;
    private readonly int[] _arm;           // element indices of the arm joints
    private readonly int[] _qpos, _dof;
    private readonly (double Lo, double Hi)[] _range; // radians / metres, from the element limits
    private readonly int _site, _base;
    private readonly double[] _jacr;

    public MujocoArmKinematics(SceneDefinition scene)
    {
        EndEffector = scene.EndEffector ?? throw new ArgumentException(
            $"scene '{scene.Name}' declares no end effector; add robot.end_effector (base, tool_site, honoured, tolerance) to its scene.yaml for end-effector actions.");
        _model = MjModel.LoadXml(scene.MjcfPath);
        try
        {
            _data = new MjData(_model);
            var parts = scene.Bind(_model);
            _elements = parts.Joints is ElementJointMap map ? map.Elements
                : throw new ArgumentException($"scene '{scene.Name}' does not describe its joints as elements; IK needs a scene package's joint map.");
            _arm = Enumerable.Range(0, _elements.Count).Where(i => !_elements[i].Spec.IsGripper).ToArray();
            var gripper = scene.Grippers.Count > 0 ? scene.Grippers[0].Element : null;
            GripperIndex = _elements.ToList().FindIndex(e => e.Spec.Key == gripper);
            var ids = _arm.Select(i => _model.RequireId(MjObject.Joint, _elements[i].Joint)).ToArray();
            _qpos = ids.Select(_model.JointQposAdr).ToArray();
            _dof = ids.Select(_model.JointDofAdr).ToArray();
            _range = _arm.Select(i =>
            {
                var e = _elements[i];
                double a = e.ToSim(e.Spec.Min), b = e.ToSim(e.Spec.Max);
                return (Math.Min(a, b), Math.Max(a, b));
            }).ToArray();
            _site = _model.RequireId(MjObject.Site, EndEffector.ToolFrame);
            _base = _model.RequireId(MjObject.Body, EndEffector.BaseFrame);
            _jacr = new double[3 * _model.Nv];
        }
        catch
        {
            _data?.Dispose();
            _model.Dispose();
            throw;
        }
    }

    public EndEffectorSpec EndEffector { get; }
    public int GripperIndex { get; }

    public ToolPose Forward(IReadOnlyList<double> joints)
    {
        var q = ToSim(joints);
        SetJoints(q);
        _data.Kinematics();
        return ToolInBase();
    }

    public IkSolution Solve(ToolPose target, IReadOnlyList<double> seed)
    {
        if (seed.Count != _elements.Count)
            throw new ArgumentException($"IK seed has {seed.Count} values; the robot has {_elements.Count} joints.");
        int n = _arm.Length;
        var q = ToSim(seed);
        bool orient = EndEffector.Honoured != OrientationComponents.None;
        double[]? bestQ = null;
        (bool Within, double Cost) best = (false, double.MaxValue);
        PoseError? bestError = null;
        ToolPose? bestPose = null;
        var jp = new double[3 * n];
        var jr = new double[3 * n];
        int it = 0;
        for (; it < MaxIterations; it++)
        {
            SetJoints(q);
            _data.Kinematics();
            var reached = ToolInBase();
            var error = PoseError.Between(target, reached, EndEffector.Approach);
            bool within = error.Within(EndEffector.Tolerance, EndEffector.Honoured);
            double cost = error.PositionM + 0.01 * error.OrientationRad(EndEffector.Honoured);
            if ((within && !best.Within) || (within == best.Within && cost < best.Cost))
            {
                best = (within, cost);
                bestQ = (double[])q.Clone();
                bestError = error;
                bestPose = reached;
            }

            // Errors in the world frame (Jacobians are): position, and orientation as a rotation vector.
            var baseRot = BaseRotation();
            var basePos = Vec3.From(_data.BodyPos(_base));
            var targetPos = basePos + baseRot.Rotate(target.Position);
            var targetRot = baseRot * target.Orientation;
            var sitePos = Vec3.From(_data.SitePos(_site));
            var siteRot = Rotation.FromMatrix(_data.SiteMat(_site));
            var ep = targetPos - sitePos;
            var eo = (targetRot * siteRot.Conjugate()).ToRotationVector();
            if (ep.Length < 1e-7 && (!orient || eo.Length < 1e-7)) break;

            var jacp = _data.SiteJacobian(_site, _jacr);
            // A joint held at its limit whose step points further out cannot move: its column leaves the
            // Jacobians and the step is solved again for the others (else they move as if it had, and a
            // target that needs the limit, such as the SO-101's wrist_flex at 95 deg while carrying, stalls).
            var locked = new bool[n];
            double[] dq = [];
            for (int pass = 0; pass <= n; pass++)
            {
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < n; c++)
                    {
                        jp[r * n + c] = locked[c] ? 0 : jacp[r * _model.Nv + _dof[c]];
                        jr[r * n + c] = locked[c] ? 0 : _jacr[r * _model.Nv + _dof[c]];
                    }
                dq = Step(jp, jr, ep, eo, orient, n);
                bool more = false;
                for (int c = 0; c < n; c++)
                {
                    if (locked[c]) { dq[c] = 0; continue; }
                    bool atLow = q[c] <= _range[c].Lo + LimitMarginRad && dq[c] < 0, atHigh = q[c] >= _range[c].Hi - LimitMarginRad && dq[c] > 0;
                    if (atLow || atHigh) locked[c] = more = true;
                }
                if (!more) break;
            }
            double norm = Math.Sqrt(dq.Sum(x => x * x));
            double scale = norm > MaxStepRad ? MaxStepRad / norm : 1;
            double moved = 0;
            for (int c = 0; c < n; c++)
            {
                double next = Math.Clamp(q[c] + scale * dq[c], _range[c].Lo, _range[c].Hi);
                moved += Math.Abs(next - q[c]);
                q[c] = next;
            }
            if (moved < 1e-10) break; // at a joint limit or a stationary point: nothing more to gain
        }

        var joints = seed.ToArray();
        for (int c = 0; c < n; c++) joints[_arm[c]] = _elements[_arm[c]].ToFeature(bestQ![c]);
        return new IkSolution(joints, bestPose!, bestError!, best.Within, it);
    }

    /// <summary>One damped least-squares step: the position task, then orientation in its null space.</summary>
    private static double[] Step(double[] jp, double[] jr, Vec3 ep, Vec3 eo, bool orient, int n)
    {
        var dq = DampedLeastSquares.Step(jp, [ep.X, ep.Y, ep.Z], 3, n, PositionDamping);
        if (!orient) return dq;
        // Secondary task: orientation, only through motions in the position task's null space.
        var nullSpace = DampedLeastSquares.NullSpace(jp, 3, n, PositionDamping);
        var jn = new double[3 * n];
        var rest = new double[] { eo.X, eo.Y, eo.Z };
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += jr[r * n + k] * nullSpace[k * n + c];
                jn[r * n + c] = s;
                rest[r] -= jr[r * n + c] * dq[c];
            }
        }
        var dq2 = DampedLeastSquares.Step(jn, rest, 3, n, OrientationDamping);
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int k = 0; k < n; k++) s += nullSpace[r * n + k] * dq2[k];
            dq[r] += s;
        }
        return dq;
    }

    private double[] ToSim(IReadOnlyList<double> joints)
    {
        if (joints.Count != _elements.Count)
            throw new ArgumentException($"joint vector has {joints.Count} values; the robot has {_elements.Count} ({string.Join(", ", _elements.Select(e => e.Spec.Key))}).");
        return _arm.Select(i => _elements[i].ToSim(joints[i])).ToArray();
    }

    private void SetJoints(ReadOnlySpan<double> q)
    {
        var qpos = _data.Qpos;
        for (int c = 0; c < _qpos.Length; c++) qpos[_qpos[c]] = q[c];
    }

    private Rotation BaseRotation() => Rotation.FromMatrix(_data.BodyMat(_base));

    private ToolPose ToolInBase()
    {
        var baseRot = BaseRotation();
        var inv = baseRot.Conjugate();
        var p = inv.Rotate(Vec3.From(_data.SitePos(_site)) - Vec3.From(_data.BodyPos(_base)));
        return new ToolPose(p, (inv * Rotation.FromMatrix(_data.SiteMat(_site))).Normalized());
    }

    public void Dispose()
    {
        _data.Dispose();
        _model.Dispose();
    }
}
