using Harness.Sim.Scenes;

namespace Harness.Sim.Packages;

/// <summary>Writes a built-in scene package to a folder, as a starting point for a user's own scene.</summary>
public static class ScenePackageExporter
{
    public static IReadOnlyList<string> Export(string name, string dir)
    {
        if (File.Exists(dir)) throw new IOException($"'{dir}' is a file; expected a new or empty folder for the scene package.");
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new IOException($"'{dir}' is not empty; export into a new folder so nothing of yours is overwritten.");
        if (!EmbeddedScenes.Names.Contains(name)) throw new UnknownSceneException(name, EmbeddedScenes.Names);
        string source = EmbeddedScenes.Folder(name);
        var written = new List<string>();
        foreach (var f in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
            written.Add(target);
        }
        return written;
    }
}
