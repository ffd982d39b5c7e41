namespace Harness.Robots.UR.Safety;

/// <summary>The target sent after every rule, with each change a rule made.</summary>
public sealed record GuardedTarget(double[] Target, IReadOnlyList<string> Changes)
{
    public bool Changed => Changes.Count > 0;
}

/// <summary>
/// Applies rules in order, each to the previous one's output (so a later rule sees an already slowed
/// step). Typical order: maximum change per step, joint speed, tool speed, workspace.
/// </summary>
public sealed class JointTargetGuard(params IJointTargetRule[] rules)
{
    public IReadOnlyList<IJointTargetRule> Rules { get; } = rules;

    public GuardedTarget Apply(IReadOnlyList<double> current, IReadOnlyList<double> target, double dt)
    {
        if (current.Count != target.Count) throw new ArgumentException($"current has {current.Count} joints, target {target.Count}.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "a step lasts a positive time.");
        for (int j = 0; j < target.Count; j++)
            if (!double.IsFinite(target[j])) throw new ArgumentException($"joint {j} target is {target[j]}; the policy produced a non-finite action.");
        var t = target.ToArray();
        var changes = new List<string>();
        foreach (var rule in Rules)
        {
            var d = rule.Apply(new JointStep(current, t, dt));
            t = d.Target;
            if (d.Change is not null) changes.Add(d.Change);
        }
        return new GuardedTarget(t, changes);
    }
}
