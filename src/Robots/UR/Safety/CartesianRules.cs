using Harness.Robots.UR.Kinematics;

namespace Harness.Robots.UR.Safety;

/// <summary>
/// Limits the tool's linear speed (m/s): the step is shortened along its joint-space direction until
/// the flange moves no further than the limit allows in one step.
/// </summary>
public sealed class TcpSpeedLimit(double maxMetersPerSecond, UrKinematics kinematics) : IJointTargetRule
{
    public JointTargetDecision Apply(JointStep step)
    {
        var from = kinematics.Origin(step.Current);
        double allowed = maxMetersPerSecond * step.Dt;
        double full = Distance(from, kinematics.Origin(step.Target));
        if (full <= allowed) return new JointTargetDecision(step.Target.ToArray(), null);
        // The flange's path is not linear in the joint step: bisect for the largest fraction within the limit.
        double lo = 0, hi = 1;
        for (int i = 0; i < 40; i++)
        {
            double mid = (lo + hi) / 2;
            if (Distance(from, kinematics.Origin(Steps.Scale(step, mid))) <= allowed) lo = mid; else hi = mid;
        }
        return new JointTargetDecision(Steps.Scale(step, lo),
            $"tool would move at {full / step.Dt:0.###} m/s, limit {maxMetersPerSecond:0.###} m/s: step scaled to {lo:P0}");
    }

    private static double Distance(double[] a, double[] b) =>
        Math.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

/// <summary>
/// Keeps the flange inside an axis-aligned box of the base frame (metres). A target outside is refused:
/// the arm holds where it is commanded to be (no clamping in Cartesian space, which would need IK).
/// </summary>
public sealed class WorkspaceBox(double[] min, double[] max, UrKinematics kinematics) : IJointTargetRule
{
    public JointTargetDecision Apply(JointStep step)
    {
        var p = kinematics.Origin(step.Target);
        string[] axes = ["x", "y", "z"];
        for (int k = 0; k < 3; k++)
            if (p[k] < min[k] || p[k] > max[k])
                return new JointTargetDecision(step.Current.ToArray(),
                    $"target puts the tool at {axes[k]} = {p[k]:0.###} m, outside the workspace {min[k]:0.###}..{max[k]:0.###} m: held in place");
        return new JointTargetDecision(step.Target.ToArray(), null);
    }
}
