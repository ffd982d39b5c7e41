using System.Text.Json.Serialization;

namespace Harness.Eval.Reports;

/// <summary>
/// Everything a report shows, computed once from the run directories; exporters only format it.
/// Scenes are reported separately because success rates from different scenes are not comparable.
/// </summary>
public sealed record ReportSummary(
    string Title,
    DateTimeOffset GeneratedAt,
    string HarnessVersion,
    IReadOnlyList<SceneSection> Scenes)
{
    [JsonIgnore]
    public IEnumerable<RunRow> AllRuns => Scenes.SelectMany(s => s.Runs);
}
