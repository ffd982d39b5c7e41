using System.Text.Json.Serialization;

namespace Harness.Core.Tasks;

/// <summary>
/// What a task says about itself: its outcome classes (SUCCESS and ERROR are universal; the others
/// belong to the task) and its per-episode metrics. Run files, summary tables, reports and the
/// operator's labelling keys are generated from it, and run.json carries it (<c>task_schema</c>),
/// so a report can render runs of a task it has never heard of.
/// </summary>
public sealed record TaskSchema
{
    [JsonConstructor]
    public TaskSchema(string name, string description, IReadOnlyList<OutcomeClass> classes, IReadOnlyList<MetricSpec> metrics)
    {
        Name = name;
        Description = description;
        Metrics = metrics;
        if (!classes.Any(c => c.Label == OutcomeClass.SuccessLabel))
            throw new ArgumentException($"task '{name}' must define {OutcomeClass.SuccessLabel} (with the task's own definition of success).");
        var all = classes.Any(c => c.Label == OutcomeClass.ErrorLabel) ? classes : [.. classes, OutcomeClass.Error];
        foreach (var c in all)
            if (!OutcomeClass.IsValidLabel(c.Label))
                throw new ArgumentException($"task '{name}': outcome label '{c.Label}' must be upper snake case (A-Z, 0-9, _), e.g. NEVER_PICKED_UP.");
        var dupes = all.GroupBy(c => c.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0) throw new ArgumentException($"task '{name}': outcome label(s) defined twice: {string.Join(", ", dupes)}.");
        var keys = all.Where(c => c.OperatorKey is not null).GroupBy(c => c.OperatorKey).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (keys.Length > 0) throw new ArgumentException($"task '{name}': operator key(s) used by two classes: {string.Join(", ", keys)}.");
        var metricDupes = metrics.GroupBy(m => m.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (metricDupes.Length > 0) throw new ArgumentException($"task '{name}': metric(s) defined twice: {string.Join(", ", metricDupes)}.");
        // Display order: SUCCESS first, then the failure classes by precedence, ERROR last.
        Classes = all.OrderBy(c => c.Label == OutcomeClass.SuccessLabel ? 0 : c.Label == OutcomeClass.ErrorLabel ? 2 : 1)
            .ThenBy(c => c.Precedence).ToArray();
    }

    [JsonPropertyName("name")] public string Name { get; }
    [JsonPropertyName("description")] public string Description { get; }
    /// <summary>SUCCESS, the task's failure classes by precedence, ERROR.</summary>
    [JsonPropertyName("classes")] public IReadOnlyList<OutcomeClass> Classes { get; }
    [JsonPropertyName("metrics")] public IReadOnlyList<MetricSpec> Metrics { get; }

    [JsonIgnore] public IEnumerable<string> Labels => Classes.Select(c => c.Label);

    public OutcomeClass? Class(string label) => Classes.FirstOrDefault(c => c.Label == label);

    public MetricSpec? Metric(string key) => Metrics.FirstOrDefault(m => m.Key == key);

    /// <summary>
    /// The schema a run is measured with: this task's classes and metrics plus metrics contributed by
    /// other parts (e.g. the IK metrics of an end-effector action adapter). Keys must not clash.
    /// </summary>
    public TaskSchema WithMetrics(IEnumerable<MetricSpec> more)
    {
        var extra = more.ToList();
        return extra.Count == 0 ? this : new TaskSchema(Name, Description, Classes, [.. Metrics, .. extra]);
    }

    /// <summary>The class for a label, or an error naming the valid labels.</summary>
    public OutcomeClass Require(string label) => Class(label.Trim().ToUpperInvariant())
        ?? throw new FormatException($"unknown outcome '{label}' for task '{Name}'; expected one of {string.Join(", ", Labels)}.");

    /// <summary>The class an operator's key press names, or null.</summary>
    public OutcomeClass? ByKey(char key) => Classes.FirstOrDefault(c => c.OperatorKey is { } k && char.ToLowerInvariant(k) == char.ToLowerInvariant(key));
}
