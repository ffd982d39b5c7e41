using Harness.Sim.Scenes.So101;

namespace Harness.Sim.Scenes;

/// <summary>The scenes Harness knows by name.</summary>
public static class SceneCatalog
{
    private static readonly IReadOnlyDictionary<string, SceneDefinition> Scenes =
        new[] { So101PickPlace.Definition }.ToDictionary(s => s.Name);

    public static IReadOnlyCollection<string> Names => Scenes.Keys.Order().ToArray();

    /// <summary>The scene commands use when none is named.</summary>
    public static string Default => So101PickPlace.Name;

    public static SceneDefinition Get(string name) =>
        Scenes.TryGetValue(name, out var s) ? s
            : throw new UnknownSceneException(name, Names);

    public static bool TryGet(string name, out SceneDefinition? scene) => Scenes.TryGetValue(name, out scene);
}

public sealed class UnknownSceneException(string name, IReadOnlyCollection<string> valid)
    : Exception($"unknown scene '{name}'; valid scenes: {string.Join(", ", valid)}.");
