using Harness.Core.Tasks;
using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// What differs between two runs besides the policy under test: every recorded setting (actions
/// per query, ensembling, step limit, image size, cameras, prompt, ...), the harness and MuJoCo
/// versions, the task text sent to the policy, and the task's outcome and metric definitions.
/// Comparing 50 with 25 actions per query is a legitimate experiment; hiding the difference is not.
/// </summary>
public static class RunDifferences
{
    public static IReadOnlyList<SettingDifference> Between(RunSummary a, RunSummary b)
    {
        var d = RunSettings.Differences(a.Settings, b.Settings).ToList();
        Add(d, "harness_version", a.HarnessVersion, b.HarnessVersion);
        Add(d, "mujoco_version", a.MujocoVersion, b.MujocoVersion);
        // A --prompt difference is listed as a setting already; the text also changes when the scene's own task text did.
        if (a.Settings.Prompt == b.Settings.Prompt) Add(d, "task text", a.Task, b.Task);
        d.AddRange(SchemaDifferences(a.Schema, b.Schema));
        return d;
    }

    private static IEnumerable<SettingDifference> SchemaDifferences(TaskSchema a, TaskSchema b)
    {
        foreach (var label in a.Labels.Union(b.Labels))
        {
            string da = a.Class(label)?.Definition ?? "(absent)", db = b.Class(label)?.Definition ?? "(absent)";
            if (da != db) yield return new($"task_schema class {label}", da, db);
        }
        foreach (var key in a.Metrics.Select(m => m.Key).Union(b.Metrics.Select(m => m.Key)))
        {
            string ma = Metric(a.Metric(key)), mb = Metric(b.Metric(key));
            if (ma != mb) yield return new($"task_schema metric {key}", ma, mb);
        }
    }

    private static string Metric(MetricSpec? m) => m is null ? "(absent)" : $"{m.Unit}; {m.Definition}";

    private static void Add(List<SettingDifference> d, string name, string? a, string? b)
    {
        if ((a ?? "") != (b ?? "")) d.Add(new(name, string.IsNullOrEmpty(a) ? "(not recorded)" : a, string.IsNullOrEmpty(b) ? "(not recorded)" : b));
    }
}
