namespace Harness.Sim.Perturbations;

/// <summary>
/// One robustness axis of a scene (scene.yaml <c>perturbations:</c>): its name, what it changes
/// (<see cref="Effect"/>), and its <see cref="Range"/>. Generic code runs any axis the same way:
/// level k of K sets the value from the range, and the episode seed decides the rest.
/// </summary>
public sealed record PerturbationAxis(string Name, string Description, PerturbationRange Range, IPerturbation Effect)
{
    public const string ValueColumn = "perturbation_value";
    public const string ColumnPrefix = "perturbation_";

    public string Kind => Effect.Kind;

    /// <summary>The episodes.csv columns a run along this axis adds: the value, then the kind's details.</summary>
    public IReadOnlyList<string> Columns => [ValueColumn, .. Effect.DetailKeys.Select(d => ColumnPrefix + d)];

    /// <summary>The value episode <paramref name="episodeSeed"/> gets at a level (what <see cref="PerturbedEnv"/> applies).</summary>
    public double ValueFor(int episodeSeed, int level, int levels)
    {
        PerturbationRange.CheckLevel(level, levels);
        var draws = PerturbationSeeds.For(episodeSeed, Name);
        return Range.ValueAt(level, levels, Range.EdgeFor(draws));
    }

    /// <summary>A value as a reader sees it ("x1.15", "2 cm", the paraphrase).</summary>
    public string Describe(double value) => Effect.Describe(value, Range);

    /// <summary>The values a level can take, described (both sides of a two-sided range).</summary>
    public IReadOnlyList<string> DescribeLevel(int level, int levels) => Range.ValuesAt(level, levels).Select(Describe).ToArray();
}
