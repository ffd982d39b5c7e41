namespace Harness.Eval.Reports;

/// <summary>Formats a <see cref="ReportSummary"/> into files in a folder; returns the paths written.</summary>
public interface IReportExporter
{
    /// <summary>Short name, e.g. "markdown".</summary>
    string Name { get; }

    IReadOnlyList<string> Export(ReportSummary summary, string outDir);
}
