using Harness.Sim.Kinematics;
using Harness.Sim.Native;

namespace Harness.Sim.Experts;

/// <summary>
/// A target for the tool site: position, and the world directions that the site's approach axis
/// and jaw axis should point along (which site axes those are is the solver's
/// <see cref="SiteIk.ApproachAxis"/> and <see cref="SiteIk.JawAxis"/>).
/// </summary>
public readonly record struct SiteTarget(double X, double Y, double Z, double[] ApproachAxis, double[] JawAxis);

/// <summary>
/// Damped least-squares inverse kinematics on a private copy of the scene's model, using MuJoCo's
/// site Jacobians (mj_jacSite). Solves for the listed joints only; others stay as given.
/// </summary>
public sealed class SiteIk : IDisposable
{
    private readonly MjModel _model;
    private readonly MjData _data;
    private readonly int _site;
    private readonly int[] _qpos, _dof;
    private readonly (double Lo, double Hi)[] _range;
    private readonly double[] _jacr;

    public SiteIk(MjModel model, string site, IReadOnlyList<string> joints)
    {
        _model = model;
        _data = new MjData(model);
        _site = model.RequireId(MjObject.Site, site);
        var ids = joints.Select(j => model.RequireId(MjObject.Joint, j)).ToArray();
        _qpos = ids.Select(model.JointQposAdr).ToArray();
        _dof = ids.Select(model.JointDofAdr).ToArray();
        _range = ids.Select(model.JointRange).ToArray();
        _jacr = new double[3 * model.Nv];
    }

    /// <summary>The tool site's own axis (site frame) that points along the approach; x by default.</summary>
    public double[] ApproachAxis { get; init; } = [1, 0, 0];
    /// <summary>The tool site's own axis (site frame) across the jaws; y by default.</summary>
    public double[] JawAxis { get; init; } = [0, 1, 0];
    public double RotationWeight { get; init; } = 0.25;
    public double Damping { get; init; } = 0.02;

    /// <summary>Site position and rotation matrix (row-major) for joint angles in radians.</summary>
    public (double[] Pos, double[] Mat) Forward(ReadOnlySpan<double> q)
    {
        SetJoints(q);
        _data.Kinematics();
        return (_data.SitePos(_site).ToArray(), _data.SiteMat(_site).ToArray());
    }

    /// <summary>Iterates from <paramref name="q"/> (radians, updated in place) toward the target; returns the final position error (m).</summary>
    public double Solve(Span<double> q, in SiteTarget target, int maxIterations = 40, double tolerance = 2e-4)
    {
        int n = _qpos.Length;
        var e = new double[6];
        var j = new double[6 * n];
        double posErr = double.MaxValue;
        for (int it = 0; it < maxIterations; it++)
        {
            SetJoints(q);
            _data.Kinematics();
            var p = _data.SitePos(_site);
            var m = _data.SiteMat(_site);
            e[0] = target.X - p[0]; e[1] = target.Y - p[1]; e[2] = target.Z - p[2];
            posErr = Math.Sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
            // Orientation error: half the sum of cross products of current and desired axes.
            var rot = new double[3];
            var (ax, ay, az) = Rotate(m, ApproachAxis);
            var (jx, jy, jz) = Rotate(m, JawAxis);
            AddCross(rot, ax, ay, az, target.ApproachAxis);
            AddCross(rot, jx, jy, jz, target.JawAxis);
            for (int k = 0; k < 3; k++) e[3 + k] = 0.5 * rot[k] * RotationWeight;
            double rotErr = Math.Sqrt(rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2]);
            if (posErr < tolerance && rotErr < 5e-3) break;

            var jacp = _data.SiteJacobian(_site, _jacr);
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < n; c++)
                {
                    j[r * n + c] = jacp[r * _model.Nv + _dof[c]];
                    j[(3 + r) * n + c] = _jacr[r * _model.Nv + _dof[c]] * RotationWeight;
                }
            var dq = DampedLeastSquares.Step(j, e, 6, n, Damping);
            for (int c = 0; c < n; c++)
                q[c] = Math.Clamp(q[c] + dq[c], _range[c].Lo, _range[c].Hi);
        }
        return posErr;
    }

    private void SetJoints(ReadOnlySpan<double> q)
    {
        var qpos = _data.Qpos;
        for (int c = 0; c < _qpos.Length; c++) qpos[_qpos[c]] = q[c];
    }

    // World direction of a site-frame axis: R (row-major site_xmat) times the local vector.
    private static (double, double, double) Rotate(ReadOnlySpan<double> m, double[] v) =>
        (m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]);

    private static void AddCross(double[] acc, double ax, double ay, double az, double[] b)
    {
        acc[0] += ay * b[2] - az * b[1];
        acc[1] += az * b[0] - ax * b[2];
        acc[2] += ax * b[1] - ay * b[0];
    }

    public void Dispose() => _data.Dispose();
}
