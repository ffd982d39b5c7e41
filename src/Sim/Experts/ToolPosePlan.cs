namespace Harness.Sim.Experts;

/// <summary>A tool target in the world frame: the site's position and the world directions its approach and jaw axes point along.</summary>
public sealed record ToolPose(double[] Position, double[] Approach, double[] Jaw)
{
    public ToolPose At(double[] position) => this with { Position = position };

    public ToolPose Moved(double dx, double dy, double dz) => At([Position[0] + dx, Position[1] + dy, Position[2] + dz]);

    public ToolPose Turned(double[] approach, double[] jaw) => this with { Approach = approach, Jaw = jaw };
}

/// <summary>One segment of a tool plan: the tool goes from one pose to another while the gripper command goes from one value to another.</summary>
public sealed record PoseSegment(string Name, ToolPose From, ToolPose To, int Steps, double GripperFrom, double GripperTo);

/// <summary>
/// A growing sequence of tool segments played one control step at a time with cosine easing of
/// the position, the orientation (quaternion slerp, the shorter way) and the gripper command.
/// After the last segment it holds the final target until more segments are appended.
/// </summary>
public sealed class ToolPosePlan
{
    private readonly List<PoseSegment> _segments = [];
    private int _segment, _step;

    public bool Finished => _segment >= _segments.Count;
    public string CurrentSegment => Finished ? "done" : _segments[_segment].Name;

    /// <summary>The pose and gripper command the plan ends on (its last segment's target).</summary>
    public (ToolPose Pose, double Gripper) End => (_segments[^1].To, _segments[^1].GripperTo);

    public void Append(PoseSegment segment) => _segments.Add(segment);

    /// <summary>Appends a segment from where the plan ends now, gripper command unchanged unless given.</summary>
    public void Then(string name, ToolPose to, int steps, double? gripperTo = null)
    {
        var (pose, gripper) = End;
        _segments.Add(new PoseSegment(name, pose, to, steps, gripper, gripperTo ?? gripper));
    }

    /// <summary>Holds the end pose for some steps, with the gripper going to <paramref name="gripperTo"/> if given.</summary>
    public void Hold(string name, int steps, double? gripperTo = null) => Then(name, End.Pose, steps, gripperTo);

    /// <summary>Advances one step and returns the tool target and gripper command for it.</summary>
    public (ToolPose Pose, double Gripper, string Segment) Next()
    {
        if (Finished)
        {
            var (pose, gripper) = End;
            return (pose, gripper, "done");
        }
        var s = _segments[_segment];
        _step++;
        double u = s.Steps <= 0 ? 1 : Math.Min(1.0, (double)_step / s.Steps);
        double w = 0.5 - 0.5 * Math.Cos(Math.PI * u);
        var p = new double[3];
        for (int k = 0; k < 3; k++) p[k] = s.From.Position[k] + w * (s.To.Position[k] - s.From.Position[k]);
        var (approach, jaw) = Slerp(s.From, s.To, w);
        double g = s.GripperFrom + w * (s.GripperTo - s.GripperFrom);
        string name = s.Name;
        if (_step >= s.Steps) { _segment++; _step = 0; }
        return (new ToolPose(p, approach, jaw), g, name);
    }

    // The frames [approach, jaw, approach x jaw] as quaternions, interpolated the shorter way.
    private static (double[] Approach, double[] Jaw) Slerp(ToolPose a, ToolPose b, double t)
    {
        var qa = Quaternion(a.Approach, a.Jaw);
        var qb = Quaternion(b.Approach, b.Jaw);
        double dot = qa.Zip(qb).Sum(x => x.First * x.Second);
        if (dot < 0) { qb = qb.Select(x => -x).ToArray(); dot = -dot; }
        double[] q;
        if (dot > 0.9995) q = qa.Zip(qb).Select(x => x.First + t * (x.Second - x.First)).ToArray();
        else
        {
            double theta = Math.Acos(dot), s = Math.Sin(theta);
            double wa = Math.Sin((1 - t) * theta) / s, wb = Math.Sin(t * theta) / s;
            q = qa.Zip(qb).Select(x => wa * x.First + wb * x.Second).ToArray();
        }
        double n = Math.Sqrt(q.Sum(x => x * x));
        q = q.Select(x => x / n).ToArray();
        var m = Matrix(q);
        return ([m[0], m[3], m[6]], [m[1], m[4], m[7]]);
    }

    private static double[] Quaternion(double[] approach, double[] jaw)
    {
        var x = Normalized(approach);
        double d = jaw[0] * x[0] + jaw[1] * x[1] + jaw[2] * x[2];
        var y = Normalized([jaw[0] - d * x[0], jaw[1] - d * x[1], jaw[2] - d * x[2]]);
        double[] z = [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
        // Rotation matrix with columns x, y, z (row-major m[r, c]) to a unit quaternion (w, x, y, z).
        double m00 = x[0], m01 = y[0], m02 = z[0], m10 = x[1], m11 = y[1], m12 = z[1], m20 = x[2], m21 = y[2], m22 = z[2];
        double tr = m00 + m11 + m22;
        if (tr > 0)
        {
            double s = Math.Sqrt(tr + 1) * 2;
            return [0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
        }
        if (m00 > m11 && m00 > m22)
        {
            double s = Math.Sqrt(1 + m00 - m11 - m22) * 2;
            return [(m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s];
        }
        if (m11 > m22)
        {
            double s = Math.Sqrt(1 + m11 - m00 - m22) * 2;
            return [(m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s];
        }
        double s2 = Math.Sqrt(1 + m22 - m00 - m11) * 2;
        return [(m10 - m01) / s2, (m02 + m20) / s2, (m12 + m21) / s2, 0.25 * s2];
    }

    private static double[] Matrix(double[] q)
    {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        return
        [
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
        ];
    }

    private static double[] Normalized(double[] v)
    {
        double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return [v[0] / n, v[1] / n, v[2] / n];
    }
}
