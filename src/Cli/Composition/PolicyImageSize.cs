using Harness.Policies.Onnx;

namespace Harness.Cli.Composition;

/// <summary>
/// The camera size when `--image-size` is not given: the size the policy's image inputs declare
/// (`resize` in an onnx: package's policy.json), so a policy trained on small renders is fed
/// renders of that size rather than 480x640 squeezed down to it; otherwise 480x640.
/// </summary>
public static class PolicyImageSize
{
    public const string Fallback = "480x640";

    /// <summary>The given size, else the one size every listed onnx: package's image inputs declare, else <see cref="Fallback"/>.</summary>
    public static string Resolve(string? given, params string[] policySpecs) => given ?? DeclaredBy(policySpecs) ?? Fallback;

    /// <summary>The one size every listed onnx: package's image inputs declare; null when none or several.</summary>
    public static string? DeclaredBy(params string[] policySpecs)
    {
        var declared = policySpecs.SelectMany(Declared).Distinct().ToList();
        return declared.Count == 1 ? declared[0] : null;
    }

    private static IEnumerable<string> Declared(string spec)
    {
        if (!spec.StartsWith("onnx:", StringComparison.Ordinal)) yield break;
        string manifest = Path.Combine(spec["onnx:".Length..], PolicyPackage.ManifestFile);
        // A missing or broken package is reported by the policy loader with its own message.
        if (!File.Exists(manifest)) yield break;
        PolicyManifest m;
        try { m = PolicyManifestJson.Load(manifest); }
        catch (InvalidDataException) { yield break; }
        foreach (var input in m.Inputs)
            if (input.Kind == InputKind.Image && input.Resize is { } r) yield return $"{r.Height}x{r.Width}";
    }
}
