using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>Names of a perturbation resolved against one environment's model (names were checked when the package loaded).</summary>
internal static class ModelTargets
{
    /// <summary>Geoms named exactly or starting with one of <paramref name="names"/> (as jaw lists are written).</summary>
    public static int[] Geoms(MjModel model, IReadOnlyList<string> names) =>
        Enumerable.Range(0, model.NGeom)
            .Where(g => model.Name(MjObject.Geom, g) is { } n && names.Any(p => n == p || n.StartsWith(p, StringComparison.Ordinal)))
            .ToArray();

    public static int[] Ids(MjModel model, MjObject kind, IReadOnlyList<string> names) =>
        names.Select(n => model.RequireId(kind, n)).ToArray();

}
