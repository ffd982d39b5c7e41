using Harness.Core.Tasks;

namespace Harness.Eval.Robustness;

/// <summary>
/// One checkpoint at one level of an axis: its run's success with the Wilson 95 % interval, the
/// outcome counts, and the paired exact McNemar p-value against the same checkpoint's nominal level
/// (same episode seeds, so the perturbation is the only difference).
/// </summary>
public sealed record LevelResult(
    int Level,
    string ValueText,
    string? RunDir,
    int Episodes,
    int Successes,
    double CiLow,
    double CiHigh,
    IReadOnlyDictionary<string, int> Outcomes,
    bool Complete,
    double? PVersusNominal = null,
    string? Note = null)
{
    public double Rate => Episodes == 0 ? 0 : (double)Successes / Episodes;
    public bool Usable => Complete && Episodes > 0;
    public int Count(string outcome) => Outcomes.GetValueOrDefault(outcome);
}

/// <summary>A checkpoint's success against level along one axis, with its one-line verdict.</summary>
public sealed record CheckpointCurve(string Checkpoint, string Policy, IReadOnlyList<LevelResult> Levels, string Verdict);

/// <summary>Two checkpoints at one level of an axis, paired by episode: exact McNemar, Holm-adjusted within the axis.</summary>
public sealed record LevelComparison(int Level, string A, string B, int Pairs, double RateA, double RateB, int OnlyA, int OnlyB, double PValue, double PValueHolm);

/// <summary>Everything the report shows for one axis.</summary>
public sealed record AxisResult(AxisPlan Axis, IReadOnlyList<CheckpointCurve> Curves, IReadOnlyList<LevelComparison> Comparisons, IReadOnlyList<StillPlan> Stills);

/// <summary>A robustness sweep as read back from its folder: per axis, per checkpoint, per level.</summary>
public sealed record RobustnessReport(
    string Directory,
    RobustnessPlan Plan,
    TaskSchema Schema,
    IReadOnlyList<string> OutcomeClasses,
    IReadOnlyList<AxisResult> Axes,
    DateTimeOffset GeneratedAt,
    string HarnessVersion,
    IReadOnlyList<string> Warnings);
