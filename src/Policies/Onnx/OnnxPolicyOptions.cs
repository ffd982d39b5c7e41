using Harness.Core.Robots;
using Harness.Policies.Native;

namespace Harness.Policies.Onnx;

/// <summary>
/// How to load a policy package. <see cref="FeatureMap"/> renames policy features to environment
/// features (<c>--map policy_key=env_key</c>); <see cref="Force"/> turns pre-flight failures into
/// warnings.
/// </summary>
public sealed record OnnxPolicyOptions(
    IReadOnlyDictionary<string, string>? FeatureMap = null,
    bool Force = false,
    OnnxSessionOptions? Session = null)
{
    public static OnnxPolicyOptions Default { get; } = new();

    /// <summary>
    /// Parses <c>policy_key=env_key</c> pairs. A key without a dot names a camera, so
    /// <c>top=front</c> means <c>observation.images.top=observation.images.front</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new ArgumentException($"--map '{pair}' is not of the form policy_key=env_key (e.g. observation.images.top=observation.images.front, or top=front for cameras).");
            string Expand(string k) => k.Contains('.') ? k : FeatureNames.Image(k);
            string key = Expand(parts[0]);
            if (map.ContainsKey(key)) throw new ArgumentException($"--map names '{key}' twice.");
            map[key] = Expand(parts[1]);
        }
        return map;
    }
}
