using Harness.Core.Hashing;
using Harness.Eval.Runs;
using Harness.Sim.Scenes;

namespace Harness.Cli.Composition;

/// <summary>A scene chosen on the command line, with the options environments are built with.</summary>
public sealed record SceneEntry(SceneDefinition Definition)
{
    public string Name => Definition.Name;

    /// <summary>The scene's name and the sha256 of its MJCF (runs pair only when these agree).</summary>
    public SceneIdentity Identity => _identity ??= new SceneIdentity(Name, null, SceneHash());
    private SceneIdentity? _identity;

    private string SceneHash()
    {
        var path = SceneFiles.Resolve(Definition.MjcfPath);
        return ContentHash.OfFiles(Path.GetDirectoryName(path)!, [path]);
    }

    public static SceneEntry Resolve(string name) => new(SceneCatalog.Get(name));
}
