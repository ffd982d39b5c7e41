using Harness.Eval.Runs;
using Harness.Sim.Scenes;

namespace Harness.Cli.Composition;

/// <summary>A scene chosen on the command line, with the options environments are built with.</summary>
public sealed record SceneEntry(SceneDefinition Definition)
{
    public string Name => Definition.Name;

    /// <summary>The scene package's name, version and the sha256 of its files (runs pair only when these agree).</summary>
    public SceneIdentity Identity => new(Name, Definition.Version, Definition.Sha256);

    public static SceneEntry Resolve(string name) => new(SceneCatalog.Get(name));
}
