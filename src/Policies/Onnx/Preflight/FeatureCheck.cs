using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>(a) Every feature the model reads must be provided by the environment (after --map).</summary>
internal static class FeatureCheck
{
    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec)
    {
        var provided = EnvironmentFeatures(spec);
        var missing = policy.Bindings.Where(b => !provided.Contains(b.EnvFeature)).ToList();
        if (missing.Count == 0) yield break;

        var used = policy.Bindings.Select(b => b.EnvFeature).ToHashSet(StringComparer.Ordinal);
        var suggestions = new List<string>();
        foreach (var b in missing)
        {
            var candidates = provided.Where(p => !used.Contains(p) && FeatureNames.IsImage(p) == b.IsImage).ToList();
            suggestions.AddRange(candidates.Select(c => $"--map {b.Spec.Feature}={c}"));
        }
        string needs = string.Join(", ", missing.Select(b => b.EnvFeature == b.Spec.Feature ? b.Spec.Feature : $"{b.Spec.Feature} (mapped to {b.EnvFeature})"));
        yield return new PreflightFinding(PreflightCheck.MissingFeatures,
            $"the policy needs {needs}, which the environment does not provide. " +
            $"Policy reads: {string.Join(", ", policy.Bindings.Select(b => b.Spec.Feature))}. " +
            $"Environment ({spec.RobotType}) provides: {string.Join(", ", provided.Order(StringComparer.Ordinal))}. " +
            (suggestions.Count > 0
                ? $"Rename keys with e.g. {string.Join(" or ", suggestions.Take(4))}."
                : "Rename keys with --map policy_key=env_key, or use an environment that has these features."));
    }

    public static HashSet<string> EnvironmentFeatures(RobotSpec spec)
    {
        var set = spec.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in spec.Cameras) set.Add(c.FeatureName);
        set.Add(FeatureNames.State); // every robot reports its joint state
        return set;
    }
}
