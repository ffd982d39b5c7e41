using System.Security.Cryptography;

namespace Harness.Sim.Scenes;

/// <summary>
/// The built-in scene packages ship inside this assembly (scenes/&lt;name&gt;/...). A package is
/// extracted once, whole, into a per-user cache folder named by its content hash (written to a
/// temporary folder and renamed, so a half-written copy is never used), and then loaded by the
/// same code as any user's package folder. HARNESS_SCENES_DIR points at a folder of packages to
/// use instead (for editing built-in scenes without a rebuild).
/// </summary>
public static class EmbeddedScenes
{
    public const string ScenesDirVariable = "HARNESS_SCENES_DIR";
    private const string Prefix = "scenes/";
    private static readonly object Gate = new();

    /// <summary>Names of the embedded packages (folders holding a scene.yaml).</summary>
    public static IReadOnlyList<string> Names => Resources()
        .Where(r => r.EndsWith("/" + Packages.ScenePackageLoader.ManifestFile, StringComparison.Ordinal))
        .Select(r => r[Prefix.Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The folder of a built-in package, extracted if needed.</summary>
    public static string Folder(string name)
    {
        var overrideDir = Environment.GetEnvironmentVariable(ScenesDirVariable);
        if (!string.IsNullOrEmpty(overrideDir))
        {
            var dir = Path.Combine(overrideDir, name);
            if (!Directory.Exists(dir))
                throw new DirectoryNotFoundException($"{ScenesDirVariable}={overrideDir} is set but {dir} does not exist.");
            return dir;
        }

        var asm = typeof(EmbeddedScenes).Assembly;
        var files = Resources().Where(r => r.StartsWith($"{Prefix}{name}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new DirectoryNotFoundException($"scene '{name}' is not embedded in {asm.GetName().Name}.");
        var contents = files.Select(f => (Path: f[($"{Prefix}{name}/").Length..], Bytes: Read(asm, f))).ToArray();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (p, b) in contents) { sha.AppendData(System.Text.Encoding.UTF8.GetBytes(p + "\0")); sha.AppendData(b); }
        string hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        string root = Path.Combine(Path.GetTempPath(), $"harness-scenes-{Environment.UserName}");
        string target = Path.Combine(root, $"{name}-{hash}");
        lock (Gate)
        {
            if (Directory.Exists(target)) return target;
            string tmp = Path.Combine(root, $".{name}-{hash}.{Environment.ProcessId}.{Guid.NewGuid():N}");
            foreach (var (p, b) in contents)
            {
                var path = Path.Combine(tmp, p);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, b);
            }
            try { Directory.Move(tmp, target); }
            catch (IOException) when (Directory.Exists(target)) { Directory.Delete(tmp, true); } // another process won the race
        }
        return target;
    }

    private static IEnumerable<string> Resources() =>
        typeof(EmbeddedScenes).Assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal));

    private static byte[] Read(System.Reflection.Assembly asm, string resource)
    {
        using var s = asm.GetManifestResourceStream(resource)!;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
