using Harness.Core.Randomness;

namespace Harness.Sim.Perturbations;

/// <summary>
/// An axis's values: the nominal value (what the scene is without perturbation), the range
/// [<see cref="Low"/>, <see cref="High"/>] it may be moved through, its unit, and whether values
/// are whole numbers (steps of latency, the index of a paraphrase or material).
/// Level k of K goes the fraction k / (K - 1) of the way from nominal to the edge of the range, so
/// level 0 is always nominal and level K - 1 the edge. When nominal lies inside the range, an
/// episode goes towards the low or the high edge as its seed says (the same side at every level).
/// </summary>
public sealed record PerturbationRange(double Nominal, double Low, double High, string Unit, bool Integer = false)
{
    public bool TwoSided => Low < Nominal && Nominal < High;

    /// <summary>The edges the levels head for: both ends when nominal is inside the range, else the far end.</summary>
    public IReadOnlyList<double> Edges => TwoSided ? [Low, High] : Nominal == Low ? [High] : [Low];

    /// <summary>The value of level <paramref name="level"/> of <paramref name="levels"/> towards <paramref name="edge"/>.</summary>
    public double ValueAt(int level, int levels, double edge)
    {
        CheckLevel(level, levels);
        double f = levels == 1 ? 0 : (double)level / (levels - 1);
        double v = Nominal + f * (edge - Nominal);
        return Integer ? Math.Round(v, MidpointRounding.AwayFromZero) : v;
    }

    /// <summary>The values level <paramref name="level"/> can take (one per edge; one value at level 0).</summary>
    public IReadOnlyList<double> ValuesAt(int level, int levels) =>
        Edges.Select(e => ValueAt(level, levels, e)).Distinct().ToArray();

    /// <summary>The edge an episode heads for: drawn from its <paramref name="draws"/> (always one draw, so later draws do not depend on the range).</summary>
    public double EdgeFor(SeededRandom draws)
    {
        double u = draws.NextDouble();
        var edges = Edges;
        return edges.Count == 1 ? edges[0] : u < 0.5 ? edges[0] : edges[1];
    }

    public static void CheckLevel(int level, int levels)
    {
        if (levels < 2) throw new ArgumentOutOfRangeException(nameof(levels), $"--levels must be at least 2 (nominal and the edge of the range); got {levels}.");
        if (level < 0 || level >= levels) throw new ArgumentOutOfRangeException(nameof(level), $"level {level} does not exist; levels are 0..{levels - 1}.");
    }
}
