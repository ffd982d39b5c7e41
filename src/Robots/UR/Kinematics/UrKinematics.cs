namespace Harness.Robots.UR.Kinematics;

/// <summary>
/// Forward kinematics of a UR arm from its standard DH parameters (T_i = Rz(q_i) Tz(d_i) Tx(a_i) Rx(alpha_i)),
/// in the controller's base frame. The pose is (x, y, z, rx, ry, rz): metres and an axis-angle vector,
/// as RTDE's actual_TCP_pose with no TCP offset set.
/// </summary>
public sealed class UrKinematics(double[] d, double[] a, double[] alpha)
{
    /// <summary>UR5e DH parameters as Universal Robots publishes them.</summary>
    public static UrKinematics Ur5e { get; } = new(
        d: [0.1625, 0, 0, 0.1333, 0.0997, 0.0996],
        a: [0, -0.425, -0.3922, 0, 0, 0],
        alpha: [Math.PI / 2, 0, 0, Math.PI / 2, -Math.PI / 2, 0]);

    /// <summary>The flange pose for joint angles <paramref name="q"/> (radians).</summary>
    public double[] Forward(IReadOnlyList<double> q)
    {
        var t = Transform(q, 6);
        return [t[0, 3], t[1, 3], t[2, 3], .. RotationVector(t)];
    }

    /// <summary>The origin (x, y, z) of DH frame <paramref name="frame"/> (6: the flange, 2: the elbow joint).</summary>
    public double[] Origin(IReadOnlyList<double> q, int frame = 6)
    {
        if (frame is < 0 or > 6) throw new ArgumentOutOfRangeException(nameof(frame), frame, "DH frames are 0..6.");
        var t = Transform(q, frame);
        return [t[0, 3], t[1, 3], t[2, 3]];
    }

    private double[,] Transform(IReadOnlyList<double> q, int joints)
    {
        if (q.Count != 6) throw new ArgumentException($"a UR arm has 6 joints; got {q.Count} values.");
        var t = Identity();
        for (int i = 0; i < joints; i++)
        {
            double ct = Math.Cos(q[i]), st = Math.Sin(q[i]), ca = Math.Cos(alpha[i]), sa = Math.Sin(alpha[i]);
            var link = new double[4, 4]
            {
                { ct, -st * ca, st * sa, a[i] * ct },
                { st, ct * ca, -ct * sa, a[i] * st },
                { 0, sa, ca, d[i] },
                { 0, 0, 0, 1 },
            };
            t = Multiply(t, link);
        }
        return t;
    }

    private static double[,] Identity() => new double[4, 4] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        var r = new double[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int k = 0; k < 4; k++) s += x[i, k] * y[k, j];
                r[i, j] = s;
            }
        return r;
    }

    /// <summary>Axis-angle vector of the rotation part (angle in [0, pi]).</summary>
    public static double[] RotationVector(double[,] m)
    {
        double cos = Math.Clamp((m[0, 0] + m[1, 1] + m[2, 2] - 1) / 2, -1, 1);
        double angle = Math.Acos(cos);
        if (angle < 1e-9) return [0, 0, 0];
        if (Math.PI - angle < 1e-6)
        {
            // Near pi the antisymmetric part vanishes: take the axis from the diagonal.
            double x = Math.Sqrt(Math.Max(0, (m[0, 0] + 1) / 2)), y = Math.Sqrt(Math.Max(0, (m[1, 1] + 1) / 2)), z = Math.Sqrt(Math.Max(0, (m[2, 2] + 1) / 2));
            if (x >= y && x >= z) { y = Math.CopySign(y, m[0, 1]); z = Math.CopySign(z, m[0, 2]); }
            else if (y >= z) { x = Math.CopySign(x, m[0, 1]); z = Math.CopySign(z, m[1, 2]); }
            else { x = Math.CopySign(x, m[0, 2]); y = Math.CopySign(y, m[1, 2]); }
            return [x * angle, y * angle, z * angle];
        }
        double s = 2 * Math.Sin(angle);
        return [(m[2, 1] - m[1, 2]) / s * angle, (m[0, 2] - m[2, 0]) / s * angle, (m[1, 0] - m[0, 1]) / s * angle];
    }
}
