using Harness.Eval.Reports.Charts;

namespace Harness.Eval.Reports;

/// <summary>A chart of the report with the file name it gets next to report.md and a caption.</summary>
public sealed record ReportChart(string FileName, string Caption, IChart Chart);
