namespace Harness.Eval.Reports;

/// <summary>The runs of one scene and task, and what can be said when comparing them (one trial-count guide per compared pair).</summary>
/// <param name="Slug">File-name-safe scene name, used for chart files and HTML anchors.</param>
/// <param name="Schema">The task's schema (from run.json): outcome classes with definitions, metrics with units.</param>
/// <param name="OutcomeClasses">The schema's outcome classes plus any other label found in the runs, SUCCESS first.</param>
/// <param name="MetricColumns">One column per aggregate of the schema's metrics.</param>
/// <param name="ComparisonPlan">One sentence saying which pairs were compared and why.</param>
public sealed record SceneSection(
    string Scene,
    string Slug,
    IReadOnlyList<RunRow> Runs,
    Harness.Core.Tasks.TaskSchema Schema,
    IReadOnlyList<string> OutcomeClasses,
    IReadOnlyList<MetricColumn> MetricColumns,
    IReadOnlyList<PairedComparison> Paired,
    IReadOnlyList<UnpairedPair> NotPaired,
    IReadOnlyList<ExcludedRun> Excluded,
    string ComparisonPlan,
    LearningCurve? LearningCurve,
    EpisodeLengthHistogram? EpisodeLengths,
    IReadOnlyList<TrialGuide> TrialGuides);
