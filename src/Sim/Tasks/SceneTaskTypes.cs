namespace Harness.Sim.Tasks;

/// <summary>The task types scene packages can name in <c>task.type</c>.</summary>
public static class SceneTaskTypes
{
    private static readonly Dictionary<string, ISceneTaskType> Types = new(StringComparer.Ordinal)
    {
        ["pick-place"] = new PickPlaceTaskType(),
        ["transfer-cube"] = new Handover.TransferCubeTaskType(),
    };

    public static IReadOnlyCollection<string> Names => Types.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool TryGet(string? name, out ISceneTaskType? type)
    {
        type = null;
        return name is not null && Types.TryGetValue(name, out type);
    }

    /// <summary>Adds a task type implemented elsewhere (e.g. by a test project).</summary>
    public static void Register(ISceneTaskType type)
    {
        lock (Types) Types[type.Name] = type;
    }
}
