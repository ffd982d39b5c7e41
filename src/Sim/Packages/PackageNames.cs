using Harness.Sim.Native;

namespace Harness.Sim.Packages;

/// <summary>
/// Looks names up in a model for a scene package and reports the ones that do not exist with the
/// file, the key and the names that do (the fix is usually a typo).
/// </summary>
public sealed class PackageNames(MjModel model, string file, List<ScenePackageProblem> problems)
{
    public MjModel Model => model;

    /// <summary>The object's id, or -1 after reporting a problem.</summary>
    public int Require(MjObject kind, string? name, string key)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new(file, key, $"missing; expected the name of a {Kind(kind)} of the MJCF ({Known(kind)})."));
            return -1;
        }
        int id = model.Id(kind, name);
        if (id < 0) problems.Add(new(file, key, $"no {Kind(kind)} named '{name}' in the MJCF; {Kind(kind)}s that exist: {Known(kind)}."));
        return id;
    }

    /// <summary>Geoms named exactly, or whose names start with the given prefix, for jaw lists; reports names that match nothing.</summary>
    public IReadOnlyList<int> Geoms(IReadOnlyList<string>? names, string key)
    {
        if (names is not { Count: > 0 })
        {
            problems.Add(new(file, key, $"missing; expected a list of geom names or name prefixes ({Known(MjObject.Geom)})."));
            return [];
        }
        var all = Enumerable.Range(0, model.NGeom).Select(g => (Id: g, Name: model.Name(MjObject.Geom, g) ?? "")).ToArray();
        var ids = new List<int>();
        foreach (var n in names)
        {
            var hit = all.Where(g => g.Name == n || g.Name.StartsWith(n, StringComparison.Ordinal)).Select(g => g.Id).ToArray();
            if (hit.Length == 0) problems.Add(new(file, key, $"no geom named or starting with '{n}'; geoms that exist: {Known(MjObject.Geom)}."));
            ids.AddRange(hit);
        }
        return ids.Distinct().ToArray();
    }

    private string Known(MjObject kind)
    {
        var names = model.Names(kind);
        return names.Count == 0 ? "none" : names.Count > 40 ? string.Join(", ", names.Take(40)) + $", ... ({names.Count} in all)" : string.Join(", ", names);
    }

    private static string Kind(MjObject k) => k.ToString().ToLowerInvariant();
}
