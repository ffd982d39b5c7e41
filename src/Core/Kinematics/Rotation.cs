namespace Harness.Core.Kinematics;

/// <summary>
/// A rotation as a unit quaternion (w, x, y, z), in double precision (tool poses are compared at
/// the tenth of a millimetre; System.Numerics is float). Conversions to and from the orientation
/// conventions policies use: rotation matrices (row-major, as MuJoCo stores them), roll-pitch-yaw
/// and rotation vectors.
/// </summary>
public readonly record struct Rotation(double W, double X, double Y, double Z)
{
    public static Rotation Identity { get; } = new(1, 0, 0, 0);

    public Rotation Normalized()
    {
        double n = Math.Sqrt(W * W + X * X + Y * Y + Z * Z);
        return n == 0 ? Identity : new(W / n, X / n, Y / n, Z / n);
    }

    public Rotation Conjugate() => new(W, -X, -Y, -Z);

    public static Rotation operator *(Rotation a, Rotation b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    /// <summary>The rotated vector R v.</summary>
    public Vec3 Rotate(Vec3 v)
    {
        // v + 2 q x (q x v + w v), q the vector part.
        var q = new Vec3(X, Y, Z);
        var t = q.Cross(v) + W * v;
        return v + 2 * q.Cross(t);
    }

    /// <summary>From a row-major 3x3 rotation matrix (MuJoCo's xmat).</summary>
    public static Rotation FromMatrix(ReadOnlySpan<double> m)
    {
        double trace = m[0] + m[4] + m[8];
        Rotation q;
        if (trace > 0)
        {
            double s = Math.Sqrt(trace + 1) * 2;
            q = new(0.25 * s, (m[7] - m[5]) / s, (m[2] - m[6]) / s, (m[3] - m[1]) / s);
        }
        else if (m[0] > m[4] && m[0] > m[8])
        {
            double s = Math.Sqrt(1 + m[0] - m[4] - m[8]) * 2;
            q = new((m[7] - m[5]) / s, 0.25 * s, (m[1] + m[3]) / s, (m[2] + m[6]) / s);
        }
        else if (m[4] > m[8])
        {
            double s = Math.Sqrt(1 + m[4] - m[0] - m[8]) * 2;
            q = new((m[2] - m[6]) / s, (m[1] + m[3]) / s, 0.25 * s, (m[5] + m[7]) / s);
        }
        else
        {
            double s = Math.Sqrt(1 + m[8] - m[0] - m[4]) * 2;
            q = new((m[3] - m[1]) / s, (m[2] + m[6]) / s, (m[5] + m[7]) / s, 0.25 * s);
        }
        return q.Normalized();
    }

    /// <summary>The row-major 3x3 matrix.</summary>
    public double[] ToMatrix()
    {
        double w = W, x = X, y = Y, z = Z;
        return
        [
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
        ];
    }

    /// <summary>A rotation of <paramref name="angle"/> radians about a unit axis.</summary>
    public static Rotation AboutAxis(Vec3 axis, double angle)
    {
        var a = axis.Normalized();
        double s = Math.Sin(angle / 2);
        return new(Math.Cos(angle / 2), a.X * s, a.Y * s, a.Z * s);
    }

    /// <summary>
    /// Roll, pitch, yaw in radians with R = Rz(yaw) Ry(pitch) Rx(roll) (fixed axes x, then y, then z;
    /// the ROS / URDF convention).
    /// </summary>
    public static Rotation FromRpy(double roll, double pitch, double yaw) =>
        (AboutAxis(Vec3.UnitZ, yaw) * AboutAxis(Vec3.UnitY, pitch) * AboutAxis(Vec3.UnitX, roll)).Normalized();

    /// <summary>
    /// The inverse of <see cref="FromRpy"/>, pitch in [-pi/2, pi/2]. At pitch +-90 degrees roll and yaw
    /// turn about the same axis: roll is then 0 and yaw carries the whole turn.
    /// </summary>
    public (double Roll, double Pitch, double Yaw) ToRpy()
    {
        var m = ToMatrix();
        double pitch = Math.Asin(Math.Clamp(-m[6], -1, 1));
        if (Math.Sqrt(m[7] * m[7] + m[8] * m[8]) > 1e-9)
            return (Math.Atan2(m[7], m[8]), pitch, Math.Atan2(m[3], m[0]));
        return (0, pitch, Math.Atan2(-m[1], m[4]));
    }

    /// <summary>From a rotation vector (axis times angle, radians).</summary>
    public static Rotation FromRotationVector(double rx, double ry, double rz)
    {
        double angle = Math.Sqrt(rx * rx + ry * ry + rz * rz);
        return angle < 1e-15 ? Identity : AboutAxis(new Vec3(rx, ry, rz), angle);
    }

    /// <summary>The rotation vector, angle in [0, pi].</summary>
    public Vec3 ToRotationVector()
    {
        var q = W < 0 ? new Rotation(-W, -X, -Y, -Z) : this;
        double s = Math.Sqrt(q.X * q.X + q.Y * q.Y + q.Z * q.Z);
        if (s < 1e-15) return new Vec3(0, 0, 0);
        double angle = 2 * Math.Atan2(s, q.W);
        return new Vec3(q.X / s * angle, q.Y / s * angle, q.Z / s * angle);
    }

    /// <summary>The angle of this rotation in [0, pi].</summary>
    public double Angle => 2 * Math.Atan2(Math.Sqrt(X * X + Y * Y + Z * Z), Math.Abs(W));
}

/// <summary>A 3-vector in double precision.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 UnitX { get; } = new(1, 0, 0);
    public static Vec3 UnitY { get; } = new(0, 1, 0);
    public static Vec3 UnitZ { get; } = new(0, 0, 1);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(double s, Vec3 v) => new(s * v.X, s * v.Y, s * v.Z);

    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Length => Math.Sqrt(Dot(this));
    public Vec3 Normalized() => Length is var n && n > 0 ? (1 / n) * this : this;

    public static Vec3 From(ReadOnlySpan<double> v) => new(v[0], v[1], v[2]);
}
