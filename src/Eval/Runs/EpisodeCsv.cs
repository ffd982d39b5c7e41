using System.Globalization;
using CsvHelper;
using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>
/// The episodes.csv format: <see cref="Head"/>, then one column per metric of the task's schema
/// (in schema order), then <see cref="Tail"/>, then extra columns from observers.
/// Flags (unit "flag") are written true/false, numbers in round-trip form, missing values empty.
/// </summary>
public sealed class EpisodeCsv
{
    public static readonly string[] Head = ["episode", "seed", "outcome", "success", "steps"];
    public static readonly string[] Tail = ["policy_calls", "policy_latency_ms_p50", "wall_s", "detail", "error"];

    /// <summary>Columns that measure time and may differ between otherwise identical runs.</summary>
    public static readonly string[] TimingColumns = ["policy_latency_ms_p50", "wall_s"];

    public EpisodeCsv(TaskSchema schema, IReadOnlyList<string>? extra = null)
    {
        Schema = schema;
        Extra = extra ?? [];
        var clash = schema.Metrics.Select(m => m.Key).Concat(Extra).Where(c => Head.Contains(c) || Tail.Contains(c)).ToArray();
        if (clash.Length > 0)
            throw new ArgumentException($"column(s) {string.Join(", ", clash)} clash with the fixed episodes.csv columns ({string.Join(", ", Head.Concat(Tail))}); rename the metric.");
        Columns = [.. Head, .. schema.Metrics.Select(m => m.Key), .. Tail, .. Extra];
    }

    public TaskSchema Schema { get; }
    public IReadOnlyList<string> Extra { get; }
    public IReadOnlyList<string> Columns { get; }

    public void WriteHeader(CsvWriter csv)
    {
        foreach (var c in Columns) csv.WriteField(c);
        csv.EndRecord();
    }

    public void WriteRow(CsvWriter csv, EpisodeRow r)
    {
        csv.WriteField(r.Episode.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Seed.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Outcome);
        csv.WriteField(r.Success ? "true" : "false");
        csv.WriteField(r.Steps.ToString(CultureInfo.InvariantCulture));
        foreach (var m in Schema.Metrics)
            csv.WriteField(m.IsFlag ? Bool(r.Metric(m.Key)) : Num(r.Metric(m.Key)));
        csv.WriteField(r.PolicyCalls.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(Num(r.PolicyLatencyMsP50));
        csv.WriteField(Num(r.WallS));
        csv.WriteField(r.Detail ?? "");
        csv.WriteField(r.Error ?? "");
        foreach (var e in Extra) csv.WriteField(Num(r.Extra.TryGetValue(e, out var v) ? v : null));
        csv.EndRecord();
    }

    private static string Bool(double? v) => v is null ? "" : v.Value != 0 ? "true" : "false";
    private static string Num(double? v) => v is null || double.IsNaN(v.Value) ? "" : v.Value.ToString("R", CultureInfo.InvariantCulture);
}
