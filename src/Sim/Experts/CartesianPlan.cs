namespace Harness.Sim.Experts;

/// <summary>One segment of a scripted plan: the tool moves from A to B while the gripper goes from gA to gB.</summary>
public sealed record PlanSegment(string Name, double[] From, double[] To, int Steps, double GripperFrom, double GripperTo);

/// <summary>
/// A sequence of tool-space segments played one control step at a time with smooth (cosine)
/// easing. After the last segment it holds the final target.
/// </summary>
public sealed class CartesianPlan(IReadOnlyList<PlanSegment> segments)
{
    private int _segment, _step;

    public IReadOnlyList<PlanSegment> Segments => segments;
    public string CurrentSegment => _segment < segments.Count ? segments[_segment].Name : "done";
    public bool Finished => _segment >= segments.Count;

    /// <summary>Advances one step and returns the tool target and gripper command for it.</summary>
    public (double[] Target, double Gripper, string Segment) Next()
    {
        if (_segment >= segments.Count)
        {
            var last = segments[^1];
            return (last.To, last.GripperTo, "done");
        }
        var s = segments[_segment];
        _step++;
        double u = s.Steps <= 0 ? 1 : Math.Min(1.0, (double)_step / s.Steps);
        double w = 0.5 - 0.5 * Math.Cos(Math.PI * u);
        var p = new double[3];
        for (int k = 0; k < 3; k++) p[k] = s.From[k] + w * (s.To[k] - s.From[k]);
        double g = s.GripperFrom + w * (s.GripperTo - s.GripperFrom);
        string name = s.Name;
        if (_step >= s.Steps) { _segment++; _step = 0; }
        return (p, g, name);
    }
}
