using Harness.Core.Randomness;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>The few rotations perturbations need: axis-angle on vectors and quaternions (w, x, y, z), and seeded directions.</summary>
internal static class Rotations
{
    /// <summary>A uniformly distributed unit vector (two draws).</summary>
    public static double[] UnitVector(SeededRandom r)
    {
        double z = 2 * r.NextDouble() - 1, phi = 2 * Math.PI * r.NextDouble(), s = Math.Sqrt(1 - z * z);
        return [s * Math.Cos(phi), s * Math.Sin(phi), z];
    }

    /// <summary>A unit vector perpendicular to <paramref name="v"/>, at angle <paramref name="phi"/> around it.</summary>
    public static double[] Perpendicular(double[] v, double phi)
    {
        var n = Normalised(v);
        double[] helper = Math.Abs(n[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
        var a = Normalised(Cross(n, helper));
        var b = Cross(n, a);
        return [Math.Cos(phi) * a[0] + Math.Sin(phi) * b[0], Math.Cos(phi) * a[1] + Math.Sin(phi) * b[1], Math.Cos(phi) * a[2] + Math.Sin(phi) * b[2]];
    }

    /// <summary>Rodrigues: <paramref name="v"/> turned by <paramref name="angle"/> radians about the unit <paramref name="axis"/>.</summary>
    public static double[] Rotate(ReadOnlySpan<double> v, double[] axis, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        var k = axis;
        var kxv = Cross(k, [v[0], v[1], v[2]]);
        double kv = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
        return [v[0] * c + kxv[0] * s + k[0] * kv * (1 - c), v[1] * c + kxv[1] * s + k[1] * kv * (1 - c), v[2] * c + kxv[2] * s + k[2] * kv * (1 - c)];
    }

    /// <summary>The quaternion of a turn by <paramref name="angle"/> radians about the unit <paramref name="axis"/>, times <paramref name="q"/>.</summary>
    public static double[] Turn(ReadOnlySpan<double> q, double[] axis, double angle)
    {
        double h = angle / 2, s = Math.Sin(h);
        double w1 = Math.Cos(h), x1 = axis[0] * s, y1 = axis[1] * s, z1 = axis[2] * s;
        return
        [
            w1 * q[0] - x1 * q[1] - y1 * q[2] - z1 * q[3],
            w1 * q[1] + x1 * q[0] + y1 * q[3] - z1 * q[2],
            w1 * q[2] - x1 * q[3] + y1 * q[0] + z1 * q[1],
            w1 * q[3] + x1 * q[2] - y1 * q[1] + z1 * q[0],
        ];
    }

    public static double[] Cross(double[] a, double[] b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

    public static double[] Normalised(double[] v)
    {
        double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return [v[0] / n, v[1] / n, v[2] / n];
    }

    public static double Deg(double rad) => rad * 180 / Math.PI;
    public static double Rad(double deg) => deg * Math.PI / 180;
}
