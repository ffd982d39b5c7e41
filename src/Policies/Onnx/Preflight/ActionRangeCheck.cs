using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (e) De-normalised actions for a probe observation must be plausible: within the robot's joint
/// limits (allowing 10 % of the range) and, when stats.json has action min/max, within the
/// training data's range widened by its own width. Actions that are never de-normalised sit near
/// zero (outside the data); actions de-normalised twice land far outside the limits.
/// </summary>
internal static class ActionRangeCheck
{
    public const double LimitSlack = 0.10;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec, ActionChunk chunk, string probe)
    {
        if (chunk.Dim != spec.ActionDim) yield break; // reported by the dimension check
        var stats = policy.Package.Stats.For(policy.ActionNormalizer.Feature);
        var outsideLimits = new List<string>();
        var outsideData = new List<string>();
        // Joint limits bound absolute joint actions only (not offsets, not end-effector poses).
        bool absolute = spec.ActionRepresentation.Kind == ActionKind.AbsoluteJoints;
        var names = spec.Feature(FeatureNames.Action)?.Names;
        for (int j = 0; j < spec.ActionDim; j++)
        {
            var values = chunk.Actions.Select(r => r[j]).ToList();
            string key = absolute ? spec.Joints[j].Key : names is { } n && j < n.Count ? n[j] : $"action[{j}]";
            if (absolute)
            {
                var joint = spec.Joints[j];
                double slack = LimitSlack * (joint.Max - joint.Min);
                double worst = values.OrderByDescending(v => Math.Max(joint.Min - v, v - joint.Max)).First();
                if (worst < joint.Min - slack || worst > joint.Max + slack || !double.IsFinite(worst))
                    outsideLimits.Add($"{joint.Key} {StatsCheck.F(worst)} (limits [{StatsCheck.F(joint.Min)}, {StatsCheck.F(joint.Max)}] {joint.Unit})");
            }
            if (stats?.Min is { } mn && stats.Max is { } mx && j < mn.Length && j < mx.Length)
            {
                double width = Math.Max(mx[j] - mn[j], 1e-6);
                double far = values.OrderByDescending(v => Math.Max(mn[j] - v, v - mx[j])).First();
                if (far < mn[j] - width || far > mx[j] + width)
                    outsideData.Add($"{key} {StatsCheck.F(far)} (training data [{StatsCheck.F(mn[j])}, {StatsCheck.F(mx[j])}])");
            }
        }
        string mode = FeatureNormalizer.Name(policy.ActionNormalizer.Mode);
        if (outsideLimits.Count > 0)
            yield return new PreflightFinding(PreflightCheck.ActionRange,
                $"de-normalised actions for {probe} are far outside the robot's joint limits: {string.Join(", ", outsideLimits.Take(4))}" +
                (outsideLimits.Count > 4 ? $" and {outsideLimits.Count - 4} more" : "") +
                $". With normalization.{policy.ActionNormalizer.Feature} = {mode}, this usually means actions are de-normalised twice (the model already outputs robot units) " +
                "or with the wrong stats/mode; check policy.json and stats.json against the training config.");
        if (outsideData.Count > 0)
            yield return new PreflightFinding(PreflightCheck.ActionRange,
                $"de-normalised actions for {probe} lie far outside the training data's action range: {string.Join(", ", outsideData.Take(4))}" +
                (outsideData.Count > 4 ? $" and {outsideData.Count - 4} more" : "") +
                (policy.ActionNormalizer.IsIdentity
                    ? ". policy.json does not de-normalise actions (normalization.action missing or identity) while the model seems to output normalised values; set it to the training mode (e.g. mean_std)."
                    : $". Check normalization.{policy.ActionNormalizer.Feature} ({mode}) and stats.json against the training config."));
    }
}
