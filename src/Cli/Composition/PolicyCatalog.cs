using Harness.Core.Policies;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Remote;
using Harness.Policies.Replay;
using Harness.Sim.Experts;

namespace Harness.Cli.Composition;

/// <summary>
/// Turns a policy spec from the command line into a policy: <c>scripted</c> and its fault
/// variants, <c>onnx:DIR</c> (a policy package), <c>openpi:ws://host:port</c> (a remote server).
/// Safe to call from several threads at once (the server builds one policy per connection).
/// </summary>
public static class PolicyCatalog
{
    private static readonly (string Prefix, string Form, Func<string, SceneEntry, PolicyOptions, IPolicy> Create)[] Kinds =
    [
        ("onnx:", "onnx:DIR", CreateOnnx),
        ("openpi:", "openpi:ws://HOST:PORT", CreateOpenPi),
        ("replay:", "replay:DIR[#EPISODE]", CreateReplay),
    ];

    public static IReadOnlyList<string> Forms => ["scripted", "scripted:VARIANT (see `harness scenes`)", .. Kinds.Select(e => e.Form)];

    private static bool IsScripted(string spec) => spec == "scripted" || (spec.StartsWith("scripted:", StringComparison.Ordinal) && spec.Length > "scripted:".Length);

    public static IPolicy Create(string spec, SceneEntry scene, PolicyOptions? options = null)
    {
        options ??= new PolicyOptions();
        if (IsScripted(spec))
            return scene.Definition.CreateExpert(spec, options.ChunkLength ?? 10);
        foreach (var (prefix, _, create) in Kinds)
            if (spec.StartsWith(prefix, StringComparison.Ordinal))
                return create(spec, scene, options);
        throw new UnknownPolicyException(spec, Forms);
    }

    /// <summary>Checks a spec's form without building the policy (for early, cheap errors); with a scene, also its scripted variants.</summary>
    public static void Validate(string spec, SceneEntry? scene = null)
    {
        if (IsScripted(spec))
        {
            var variants = scene?.Definition.Experts?.Variants;
            if (scene is null || (variants?.Contains(spec) ?? false)) return;
            throw new UnknownPolicyException(spec, [.. variants ?? [], .. Kinds.Select(e => e.Form)]);
        }
        if (Kinds.Any(e => spec.StartsWith(e.Prefix, StringComparison.Ordinal) && spec.Length > e.Prefix.Length)) return;
        throw new UnknownPolicyException(spec, Forms);
    }

    private static IPolicy CreateOnnx(string spec, SceneEntry scene, PolicyOptions o)
    {
        string dir = spec["onnx:".Length..];
        var provider = (o.Device ?? "cpu").ToLowerInvariant() switch
        {
            "cpu" => ExecutionProvider.Cpu,
            "cuda" => ExecutionProvider.Cuda,
            var d => throw new ArgumentException($"--device must be cpu or cuda; got '{d}'."),
        };
        // One intra-op thread per worker: parallel workers, not parallel kernels, use the cores.
        return OnnxPolicy.Load(dir, new OnnxPolicyOptions(o.FeatureMap, o.Force, new OnnxSessionOptions(provider, IntraOpThreads: o.IntraOpThreads)));
    }

    private static IPolicy CreateReplay(string spec, SceneEntry scene, PolicyOptions o) =>
        ReplayPolicy.FromSpec(spec, o.FeatureMap);

    private static IPolicy CreateOpenPi(string spec, SceneEntry scene, PolicyOptions o) =>
        OpenPiPolicy.FromSpec(spec, new OpenPiOptions
        {
            Layout = o.Layout ?? "lerobot",
            ApiKey = o.ApiKey,
            Cameras = o.Cameras,
            CameraMap = o.FeatureMap,
            Force = o.Force,
        });
}

/// <summary>Options shared by policy factories (set from the command line).</summary>
public sealed record PolicyOptions(
    int? ChunkLength = null,
    bool Force = false,
    string? Device = null,
    IReadOnlyDictionary<string, string>? FeatureMap = null,
    string? ApiKey = null,
    string? Layout = null,
    IReadOnlyList<string>? Cameras = null,
    int IntraOpThreads = 1,
    string? ActionSpace = null,
    IReadOnlyDictionary<string, Harness.Core.Actions.UnitDeclaration>? Units = null);

public sealed class UnknownPolicyException(string spec, IEnumerable<string> forms)
    : Exception($"unknown policy '{spec}'; valid policies: {string.Join(", ", forms)}.");
