using Harness.Sim.Packages;

namespace Harness.Sim.Scenes;

/// <summary>
/// The scenes Harness knows: the built-in scene packages by name, and any package folder by path
/// (<c>--scene ./my_scene/</c>), loaded and checked by the same code.
/// </summary>
public static class SceneCatalog
{
    private static readonly Dictionary<string, SceneDefinition> Loaded = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, SceneDefinition> Registered = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names
    {
        get { lock (Loaded) return EmbeddedScenes.Names.Concat(Registered.Keys).Distinct().Order(StringComparer.Ordinal).ToArray(); }
    }

    /// <summary>The scene commands use when none is named.</summary>
    public const string Default = "so101-pick-place";

    /// <summary>A built-in scene by name, or a scene package folder by path.</summary>
    public static SceneDefinition Get(string nameOrPath)
    {
        lock (Loaded)
        {
            if (Registered.TryGetValue(nameOrPath, out var r)) return r;
            bool isPath = nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.StartsWith('.') || Directory.Exists(nameOrPath);
            string key = isPath ? Path.GetFullPath(nameOrPath) : nameOrPath;
            if (Loaded.TryGetValue(key, out var s) && (!isPath || s.Sha256 == Hashing(key))) return s;
            if (!isPath && !EmbeddedScenes.Names.Contains(nameOrPath)) throw new UnknownSceneException(nameOrPath, Names);
            var def = ScenePackageLoader.Load(isPath ? key : EmbeddedScenes.Folder(nameOrPath));
            Loaded[key] = def;
            return def;
        }
    }

    private static string Hashing(string folder) => Harness.Core.Hashing.ContentHash.OfFolder(folder);

    /// <summary>Adds a scene built in code (e.g. by a test project) under its name.</summary>
    public static void Register(SceneDefinition scene)
    {
        lock (Loaded) Registered[scene.Name] = scene;
    }
}

public sealed class UnknownSceneException(string name, IReadOnlyCollection<string> valid)
    : Exception($"unknown scene '{name}'; built-in scenes: {string.Join(", ", valid)}. A scene package folder is given by its path (e.g. --scene ./my_scene/).");
