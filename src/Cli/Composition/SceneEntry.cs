using Harness.Sim.Scenes;

namespace Harness.Cli.Composition;

/// <summary>A scene chosen on the command line, with the options environments are built with.</summary>
public sealed record SceneEntry(SceneDefinition Definition)
{
    public string Name => Definition.Name;

    public static SceneEntry Resolve(string name) => new(SceneCatalog.Get(name));
}
