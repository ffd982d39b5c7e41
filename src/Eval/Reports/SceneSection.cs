namespace Harness.Eval.Reports;

/// <summary>The runs of one scene and what can be said when comparing them.</summary>
/// <param name="Slug">File-name-safe scene name, used for chart files and HTML anchors.</param>
/// <param name="OutcomeClasses">Outcome classes present in this scene, SUCCESS first, in taxonomy order.</param>
/// <param name="ComparisonPlan">One sentence saying which pairs were compared and why.</param>
public sealed record SceneSection(
    string Scene,
    string Slug,
    IReadOnlyList<RunRow> Runs,
    IReadOnlyList<string> OutcomeClasses,
    IReadOnlyList<PairedComparison> Paired,
    IReadOnlyList<UnpairedPair> NotPaired,
    IReadOnlyList<ExcludedRun> Excluded,
    string ComparisonPlan,
    LearningCurve? LearningCurve,
    EpisodeLengthHistogram? EpisodeLengths,
    TrialGuide? TrialGuide);
