namespace Harness.Robots.UR.Safety;

/// <summary>One control step: where the arm is commanded from, where the policy wants it, and the step's duration.</summary>
public sealed record JointStep(IReadOnlyList<double> Current, IReadOnlyList<double> Target, double Dt);

/// <summary>A rule's verdict: the target it lets through and, when it changed it, why.</summary>
public sealed record JointTargetDecision(double[] Target, string? Change);

/// <summary>A UR safety rule on joint targets. Rules are small and composed by <see cref="JointTargetGuard"/>.</summary>
public interface IJointTargetRule
{
    JointTargetDecision Apply(JointStep step);
}

/// <summary>
/// Scales a step so that no joint moves faster than its limit (rad/s). The whole step is scaled by one
/// factor so the direction in joint space is kept.
/// </summary>
public sealed class JointSpeedLimit(IReadOnlyList<double> maxRadPerSecond) : IJointTargetRule
{
    public JointTargetDecision Apply(JointStep step)
    {
        double scale = 1;
        int worst = -1;
        for (int j = 0; j < step.Target.Count; j++)
        {
            double allowed = maxRadPerSecond[j] * step.Dt;
            double move = Math.Abs(step.Target[j] - step.Current[j]);
            if (move > allowed && allowed / move < scale) { scale = allowed / move; worst = j; }
        }
        if (worst < 0) return new JointTargetDecision(step.Target.ToArray(), null);
        return new JointTargetDecision(Steps.Scale(step, scale),
            $"joint {worst} would move at {Math.Abs(step.Target[worst] - step.Current[worst]) / step.Dt:0.###} rad/s, limit {maxRadPerSecond[worst]:0.###} rad/s: step scaled to {scale:P0}");
    }
}

/// <summary>Caps the change of any joint within one step (rad), whatever the step's duration.</summary>
public sealed class MaxStepChange(double maxRad) : IJointTargetRule
{
    public JointTargetDecision Apply(JointStep step)
    {
        double largest = 0;
        int worst = -1;
        for (int j = 0; j < step.Target.Count; j++)
        {
            double move = Math.Abs(step.Target[j] - step.Current[j]);
            if (move > largest) { largest = move; worst = j; }
        }
        if (largest <= maxRad) return new JointTargetDecision(step.Target.ToArray(), null);
        return new JointTargetDecision(Steps.Scale(step, maxRad / largest),
            $"joint {worst} would change by {largest:0.###} rad in one step, limit {maxRad:0.###} rad: step scaled down");
    }
}

internal static class Steps
{
    public static double[] Scale(JointStep step, double factor)
    {
        var t = new double[step.Target.Count];
        for (int j = 0; j < t.Length; j++) t[j] = step.Current[j] + (step.Target[j] - step.Current[j]) * factor;
        return t;
    }
}
