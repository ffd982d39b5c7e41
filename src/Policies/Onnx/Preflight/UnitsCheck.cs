using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (p) State statistics against the units the policy reads the state in (the robot's, or those
/// declared in policy.json <c>units</c> / <c>--unit</c>, which the action adapter converts to): a
/// gripper trained on 0-100 data but declared (or fed) as 0-1, joints recorded in degrees but read
/// as radians. Values far outside what the unit can hold mean the data were recorded in another unit.
/// </summary>
internal static class UnitsCheck
{
    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec)
    {
        var state = spec.Feature(FeatureNames.State);
        var binding = policy.Bindings.FirstOrDefault(b => b.EnvFeature == FeatureNames.State);
        if (state?.Units is not { } units || state.Names is not { } names || binding is null) yield break;
        var stats = policy.Package.Stats.For(binding.Spec.Feature);
        if (stats?.Min is not { } min || stats.Max is not { } max) yield break;
        var wrong = new List<string>();
        for (int j = 0; j < Math.Min(units.Count, Math.Min(min.Length, max.Length)); j++)
            if (Plausible(units[j]) is { } r && (min[j] < r.Lo || max[j] > r.Hi))
                wrong.Add($"{names[j]}: training data [{StatsCheck.F(min[j])}, {StatsCheck.F(max[j])}], read as {units[j]}");
        if (wrong.Count > 0)
            yield return new PreflightFinding(PreflightCheck.Units,
                $"state statistics do not fit the units the policy is fed: {string.Join("; ", wrong.Take(4))}{(wrong.Count > 4 ? $" and {wrong.Count - 4} more" : "")}. " +
                "The data were recorded in other units: declare them in policy.json units (or --unit ELEMENT=UNIT), e.g. gripper.pos=0-100 or shoulder_pan.pos=deg.");
    }

    // What values a unit can plausibly hold (a margin beyond the nominal range for calibration slack).
    private static (double Lo, double Hi)? Plausible(string unit) => unit switch
    {
        Units.Fraction => (-0.5, 1.5),
        Units.Percent => (-50, 150),
        Units.Byte => (-10, 265),
        Units.PlusMinus100 => (-150, 150),
        Units.Radians => (-7, 7),
        _ => null,
    };
}
