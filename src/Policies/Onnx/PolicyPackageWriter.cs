namespace Harness.Policies.Onnx;

/// <summary>Writes a policy package folder (model.onnx, policy.json, stats.json).</summary>
public static class PolicyPackageWriter
{
    public static string Write(string directory, byte[] model, PolicyManifest manifest, PolicyStats stats)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, PolicyPackage.ModelFile), model);
        PolicyManifestJson.Save(manifest, Path.Combine(directory, PolicyPackage.ManifestFile));
        stats.Save(Path.Combine(directory, PolicyPackage.StatsFile));
        return Path.GetFullPath(directory);
    }
}
