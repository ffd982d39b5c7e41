using Harness.Core.Policies;
using Harness.Policies.Scripted;

namespace Harness.Cli.Composition;

/// <summary>
/// Turns a policy spec from the command line into a policy: <c>scripted</c> and its fault
/// variants, <c>onnx:DIR</c> (a policy package), <c>openpi:ws://host:port</c> (a remote server).
/// </summary>
public static class PolicyCatalog
{
    public static IReadOnlyList<string> Forms =>
        [.. ScriptedVariants.ByName.Keys, .. Extensions.Select(e => e.Form)];

    /// <summary>Further policy kinds register here (prefix, usage form, factory).</summary>
    internal static readonly List<(string Prefix, string Form, Func<string, SceneEntry, PolicyOptions, IPolicy> Create)> Extensions = [];

    public static IPolicy Create(string spec, SceneEntry scene, PolicyOptions? options = null)
    {
        options ??= new PolicyOptions();
        if (ScriptedVariants.ByName.TryGetValue(spec, out var variant))
            return new ScriptedPickPlacePolicy(scene.Definition, variant, options.ChunkLength ?? 10);
        foreach (var (prefix, _, create) in Extensions)
            if (spec.StartsWith(prefix, StringComparison.Ordinal))
                return create(spec, scene, options);
        throw new UnknownPolicyException(spec, Forms);
    }

    /// <summary>Checks a spec's form without building the policy (for early, cheap errors).</summary>
    public static void Validate(string spec)
    {
        if (ScriptedVariants.ByName.ContainsKey(spec)) return;
        if (Extensions.Any(e => spec.StartsWith(e.Prefix, StringComparison.Ordinal))) return;
        throw new UnknownPolicyException(spec, Forms);
    }
}

/// <summary>Options shared by policy factories.</summary>
public sealed record PolicyOptions(int? ChunkLength = null, bool Force = false, string? Device = null,
    IReadOnlyDictionary<string, string>? FeatureMap = null, string? ApiKey = null, string? Layout = null);

public sealed class UnknownPolicyException(string spec, IEnumerable<string> forms)
    : Exception($"unknown policy '{spec}'; valid policies: {string.Join(", ", forms)}.");
