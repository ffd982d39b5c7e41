using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// Runs the pre-flight checks of an <see cref="OnnxPolicy"/> against a robot: static checks
/// (features, dimensions, statistics, image range) first, then probe inferences (action range,
/// episode state) when the static ones leave the model runnable.
/// </summary>
public static class PolicyPreflight
{
    public static IReadOnlyList<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec)
    {
        var findings = new List<PreflightFinding>();
        var provided = FeatureCheck.EnvironmentFeatures(spec);
        findings.AddRange(FeatureCheck.Run(policy, spec));
        findings.AddRange(DimensionCheck.Run(policy, spec, provided));
        var envFeatures = policy.Bindings.Select(b => b.EnvFeature).Where(provided.Contains).ToList();
        // Training means by environment feature name, for vectors the robot spec cannot describe.
        var means = policy.Bindings.Where(b => !b.IsImage && policy.Package.Stats.For(b.Spec.Feature)?.Mean is not null)
            .GroupBy(b => b.EnvFeature).ToDictionary(g => g.Key, g => policy.Package.Stats.For(g.First().Spec.Feature)!.Mean!);
        var mid = ProbeObservation.Build(spec, envFeatures, 0.5, means);
        findings.AddRange(StatsCheck.Run(policy, spec, mid));
        findings.AddRange(ImageRangeCheck.Run(policy));

        bool runnable = findings.All(f => f.Check is not (PreflightCheck.MissingFeatures or PreflightCheck.DimensionMismatch));
        if (!runnable) return findings;
        try
        {
            policy.Reset();
            var chunk = policy.Infer(ProbeObservation.Typical(spec, envFeatures, means), "");
            findings.AddRange(ActionRangeCheck.Run(policy, spec, chunk));
            findings.AddRange(EpisodeStateCheck.Run(policy, mid, ProbeObservation.Build(spec, envFeatures, 0.25)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            findings.Add(new PreflightFinding(PreflightCheck.DimensionMismatch,
                $"a probe inference (mid-range joints, mid-grey images) failed: {ex.Message}"));
        }
        finally { policy.Reset(); }
        return findings;
    }
}
