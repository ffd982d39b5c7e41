namespace Harness.Policies.Onnx;

/// <summary>
/// A policy package on disk: <c>model.onnx</c>, <c>policy.json</c>, (when anything is
/// normalised) a LeRobot-shaped <c>stats.json</c>, and optionally <c>reference.json</c>.
/// </summary>
public sealed record PolicyPackage(string Directory, string ModelPath, PolicyManifest Manifest, PolicyStats Stats)
{
    /// <summary>The package's reference pair (reference.json), when it ships one.</summary>
    public PolicyReference? Reference { get; init; }

    public const string ModelFile = "model.onnx";
    public const string ManifestFile = "policy.json";
    public const string StatsFile = "stats.json";

    public static PolicyPackage Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"policy package '{directory}' does not exist; expected a folder with {ModelFile}, {ManifestFile} and {StatsFile}.");
        string manifestPath = Path.Combine(directory, ManifestFile);
        string modelPath = Path.Combine(directory, ModelFile);
        string statsPath = Path.Combine(directory, StatsFile);
        var missing = new[] { manifestPath, modelPath }.Where(p => !File.Exists(p)).Select(Path.GetFileName).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"policy package '{directory}' lacks {string.Join(" and ", missing)}. A package holds {ModelFile}, {ManifestFile} and {StatsFile}; " +
                "see src/Policies/Onnx/README.md for how to export one.");
        var manifest = PolicyManifestJson.Load(manifestPath);
        var stats = File.Exists(statsPath) ? PolicyStats.Load(statsPath) : PolicyStats.Empty;

        var needStats = manifest.Normalization.Where(kv => kv.Value != NormalizationMode.Identity).Select(kv => kv.Key)
            .Where(f => stats.For(f) is null).ToList();
        if (needStats.Count > 0)
            throw new InvalidDataException(
                $"{manifestPath} normalises {string.Join(", ", needStats)}, but {(File.Exists(statsPath) ? statsPath + " has no statistics for them" : statsPath + " does not exist")}. " +
                "Copy the training dataset's meta/stats.json into the package as stats.json.");
        string referencePath = Path.Combine(directory, PolicyReference.FileName);
        return new PolicyPackage(Path.GetFullPath(directory), modelPath, manifest, stats)
        {
            Reference = File.Exists(referencePath) ? PolicyReference.Load(referencePath) : null,
        };
    }
}
