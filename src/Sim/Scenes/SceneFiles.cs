using System.Reflection;

namespace Harness.Sim.Scenes;

/// <summary>
/// Finds a scene's MJCF: under HARNESS_SCENES_DIR when set (for editing scenes without a
/// rebuild), else the copy embedded in this assembly, written once to a per-user cache folder.
/// </summary>
public static class SceneFiles
{
    public const string ScenesDirVariable = "HARNESS_SCENES_DIR";
    private static readonly object Gate = new();

    public static string Resolve(string relativePath)
    {
        var overrideDir = Environment.GetEnvironmentVariable(ScenesDirVariable);
        if (!string.IsNullOrEmpty(overrideDir))
        {
            var p = Path.Combine(overrideDir, relativePath);
            if (!File.Exists(p))
                throw new FileNotFoundException($"{ScenesDirVariable}={overrideDir} is set but {p} does not exist.");
            return p;
        }

        var asm = typeof(SceneFiles).Assembly;
        string resource = "scenes/" + relativePath.Replace('\\', '/');
        using var stream = asm.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"scene file '{relativePath}' is not embedded in {asm.GetName().Name}.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var bytes = ms.ToArray();
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
        string dir = Path.Combine(Path.GetTempPath(), $"harness-scenes-{Environment.UserName}", hash);
        string path = Path.Combine(dir, relativePath);
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                string tmp = path + "." + Environment.ProcessId + ".tmp";
                File.WriteAllBytes(tmp, bytes);
                File.Move(tmp, path, overwrite: true);
            }
        }
        return path;
    }
}
