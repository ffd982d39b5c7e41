using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (g) stats.json must describe real data: refuses the impossible (min &gt; max, a negative std, a
/// zero count, a std wider than the whole min..max range, non-finite values), warns on the merely
/// odd (a mean outside q01..q99 happens on skewed data). A constant feature (min = max) may carry
/// a positive std: a floor that keeps its normalisation finite. For absolute joint actions the action and
/// state statistics describe the same motion, joint by joint: a joint whose action mean sits more
/// than <see cref="ActionStateLimit"/> stds from its state mean is refused, naming the joint it
/// looks swapped with or an inverted gripper.
/// </summary>
internal static class StatsConsistencyCheck
{
    public const double ActionStateLimit = 2.0;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec)
    {
        var used = policy.Bindings.Select(b => b.Spec.Feature).Append(policy.ActionNormalizer.Feature).Distinct();
        foreach (var feature in used)
        {
            if (policy.Package.Stats.For(feature) is not { } s) continue;
            var impossible = Impossible(s).ToList();
            if (impossible.Count > 0)
                yield return new PreflightFinding(PreflightCheck.StatsConsistency,
                    $"stats.json for '{feature}' cannot describe real data: {string.Join("; ", impossible.Take(4))}{(impossible.Count > 4 ? $" and {impossible.Count - 4} more" : "")}. " +
                    "Recompute it from the training dataset (LeRobot's meta/stats.json) instead of editing it by hand.");
            var odd = Odd(s).ToList();
            if (odd.Count > 0)
                yield return new PreflightFinding(PreflightCheck.StatsConsistency,
                    $"stats.json for '{feature}': {string.Join("; ", odd.Take(4))}. This happens on skewed data; check it if the policy misbehaves.", Warning: true);
        }

        if (spec.ActionRepresentation.Kind != ActionKind.AbsoluteJoints) yield break;
        var state = policy.Package.Stats.For(FeatureNames.State);
        var action = policy.Package.Stats.For(policy.ActionNormalizer.Feature);
        if (state?.Mean is not { } ms || state.Std is not { } ss || action?.Mean is not { } ma || action.Std is not { } sa) yield break;
        int n = spec.ActionDim;
        if (ms.Length != n || ss.Length != n || ma.Length != n || sa.Length != n) yield break; // the dimension check reports it
        double Distance(int a, int s) => Math.Abs(ma[a] - ms[s]) / Math.Max(Math.Max(sa[a], ss[s]), 1e-9);
        for (int j = 0; j < n; j++)
        {
            if (Distance(j, j) <= ActionStateLimit) continue;
            var joint = spec.Joints[j];
            string found = $"joint '{joint.Key}': action mean {StatsCheck.F(ma[j])} (std {StatsCheck.F(sa[j])}) vs state mean {StatsCheck.F(ms[j])} (std {StatsCheck.F(ss[j])}) {joint.Unit}, " +
                           $"{StatsCheck.F(Distance(j, j))} stds apart (limit {ActionStateLimit})";
            // The joint whose state this action fits best, provided that joint's action fits this state too.
            int partner = Enumerable.Range(0, n).Where(k => k != j && Distance(j, k) <= ActionStateLimit && Distance(k, j) <= ActionStateLimit)
                .OrderBy(k => Distance(j, k) + Distance(k, j)).DefaultIfEmpty(-1).First();
            string why = partner >= 0
                ? $"; it matches the state of '{spec.Joints[partner].Key}', and that joint's action matches this one's state: the two action dimensions look swapped in stats.json (or in the data it was computed from)"
                : joint.Gripper is { } g && Math.Abs(ma[j] - (g.Open + g.Closed - ms[j])) / Math.Max(Math.Max(sa[j], ss[j]), 1e-9) <= ActionStateLimit
                    ? $"; mirrored around the middle of {StatsCheck.F(g.Closed)}..{StatsCheck.F(g.Open)} it matches: the gripper action looks inverted (open and closed swapped)"
                    : "";
            yield return new PreflightFinding(PreflightCheck.StatsConsistency,
                $"action and state statistics disagree for absolute joint actions, {found}{why}. For absolute joint positions they describe the same motion; " +
                "check the action order and units in the training data and recompute stats.json.");
        }
    }

    private static IEnumerable<string> Impossible(FeatureStats s)
    {
        if (s.Count is 0) yield return "count 0";
        foreach (var (name, v) in new[] { ("min", s.Min), ("max", s.Max), ("mean", s.Mean), ("std", s.Std), ("q01", s.Q01), ("q99", s.Q99) })
            if (v is not null && v.Any(x => !double.IsFinite(x))) yield return $"{name} holds a non-finite value";
        for (int i = 0; i < s.Dim; i++)
        {
            double? min = At(s.Min, i), max = At(s.Max, i), std = At(s.Std, i);
            if (min > max) yield return $"component {i}: min {StatsCheck.F(min!.Value)} > max {StatsCheck.F(max!.Value)}";
            if (std < 0) yield return $"component {i}: negative std {StatsCheck.F(std!.Value)}";
            // No sample can sit further than (max - min) from the mean, so neither can the std. A
            // constant feature (min == max) may carry a floored std (harness distill writes one).
            if (std is { } sd && min is { } lo && max is { } hi && hi > lo && sd > (hi - lo) * 1.0001)
                yield return $"component {i}: std {StatsCheck.F(sd)} wider than the whole range {StatsCheck.F(lo)}..{StatsCheck.F(hi)}";
            if (At(s.Q01, i) is { } q1 && At(s.Q99, i) is { } q9 && q1 > q9) yield return $"component {i}: q01 {StatsCheck.F(q1)} > q99 {StatsCheck.F(q9)}";
        }
    }

    private static IEnumerable<string> Odd(FeatureStats s)
    {
        for (int i = 0; i < s.Dim; i++)
            if (At(s.Mean, i) is { } m && At(s.Q01, i) is { } q1 && At(s.Q99, i) is { } q9 && q1 <= q9 && (m < q1 || m > q9))
                yield return $"component {i}: mean {StatsCheck.F(m)} outside q01..q99 ({StatsCheck.F(q1)}..{StatsCheck.F(q9)})";
    }

    private static double? At(double[]? v, int i) => v is not null && i < v.Length ? v[i] : null;
}
