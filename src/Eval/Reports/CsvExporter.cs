using System.Globalization;
using CsvHelper;

namespace Harness.Eval.Reports;

/// <summary>runs.csv: one row per run (all scenes), one column per outcome class seen anywhere in the report.</summary>
public sealed class CsvExporter : IReportExporter
{
    public const string FileName = "runs.csv";

    public string Name => "csv";

    public IReadOnlyList<string> Export(ReportSummary summary, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, FileName);
        var outcomes = summary.Scenes.SelectMany(s => s.OutcomeClasses).Distinct().ToList();
        var metrics = summary.Scenes.SelectMany(s => s.MetricColumns).Select(c => c.Key).Distinct().ToList();
        string[] header =
        [
            "scene", "run", "task", "policy", "checkpoint", "training_run", "training_step", "seed", "complete", "stopped", "episodes", "successes",
            "success_rate", "ci95_lo", "ci95_hi", .. outcomes.Select(o => "outcome_" + o), .. metrics.Select(m => "metric_" + m),
            "avg_steps_success", "policy_latency_ms_p50", "policy_latency_ms_p95", "directory",
        ];
        using (var csv = CsvWriter.Create(new StreamWriter(file), new CsvWriterOptions(), false))
        {
            csv.WriteHeader(header);
            foreach (var r in summary.AllRuns)
            {
                csv.WriteRecord(
                [
                    r.Scene, r.Id, r.Task, r.Policy, r.Checkpoint ?? "", r.TrainingRun ?? "", N(r.TrainingStep), r.Seed.ToString(CultureInfo.InvariantCulture),
                    r.Complete ? "true" : "false", r.Stopped ?? "", N(r.Episodes), N(r.Successes), N(r.SuccessRate), N(r.CiLow), N(r.CiHigh),
                    .. outcomes.Select(o => N(r.Count(o))), .. metrics.Select(m => N(r.Metric(m))), N(r.AvgStepsSuccess),
                    N(r.PolicyLatencyMs?.P50), N(r.PolicyLatencyMs?.P95), r.Directory,
                ]);
            }
        }
        return [file];
    }

    // Full precision ("R") so the CSV round-trips; empty cells for unknown values.
    private static string N(double? v) => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "";
    private static string N(long? v) => v is long l ? l.ToString(CultureInfo.InvariantCulture) : "";
}
