using System.Globalization;
using CsvHelper;

namespace Harness.Eval.Runs;

/// <summary>The episodes.csv format: fixed columns first, then optional extra columns.</summary>
public static class EpisodeCsv
{
    public static readonly string[] Columns =
    [
        "episode", "seed", "outcome", "success", "steps", "picked_up", "dropped", "max_object_height_m",
        "time_to_pick_s", "final_goal_distance_m", "policy_calls", "policy_latency_ms_p50", "wall_s", "error",
    ];

    /// <summary>Columns that measure time and may differ between otherwise identical runs.</summary>
    public static readonly string[] TimingColumns = ["policy_latency_ms_p50", "wall_s"];

    public static void WriteHeader(CsvWriter csv, IReadOnlyList<string> extra)
    {
        foreach (var c in Columns.Concat(extra)) csv.WriteField(c);
        csv.EndRecord();
    }

    public static void WriteRow(CsvWriter csv, EpisodeRow r, IReadOnlyList<string> extra)
    {
        csv.WriteField(r.Episode.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Seed.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Outcome);
        csv.WriteField(r.Success ? "true" : "false");
        csv.WriteField(r.Steps.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(Bool(r.PickedUp));
        csv.WriteField(Bool(r.Dropped));
        csv.WriteField(Num(r.MaxObjectHeightM));
        csv.WriteField(Num(r.TimeToPickS));
        csv.WriteField(Num(r.FinalGoalDistanceM));
        csv.WriteField(r.PolicyCalls.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(Num(r.PolicyLatencyMsP50));
        csv.WriteField(Num(r.WallS));
        csv.WriteField(r.Error ?? "");
        foreach (var e in extra) csv.WriteField(Num(r.Extra.TryGetValue(e, out var v) ? v : null));
        csv.EndRecord();
    }

    private static string Bool(bool? b) => b is null ? "" : b.Value ? "true" : "false";
    private static string Num(double? v) => v is null || double.IsNaN(v.Value) ? "" : v.Value.ToString("R", CultureInfo.InvariantCulture);
}
