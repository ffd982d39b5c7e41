namespace Harness.Core.Whiskers;

/// <summary>A point in the world frame, metres.</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public double DistanceTo(Point3 o)
    {
        double dx = X - o.X, dy = Y - o.Y, dz = Z - o.Z;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    public static Point3 Centroid(IReadOnlyList<Point3> points)
    {
        if (points.Count == 0) throw new ArgumentException("the centroid of no points is undefined.");
        double x = 0, y = 0, z = 0;
        foreach (var p in points) { x += p.X; y += p.Y; z += p.Z; }
        return new Point3(x / points.Count, y / points.Count, z / points.Count);
    }

    public static Point3 From(ReadOnlySpan<double> xyz) => new(xyz[0], xyz[1], xyz[2]);
}
