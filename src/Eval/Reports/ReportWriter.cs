using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>The report pipeline: run directories -> one <see cref="ReportSummary"/> -> every exporter.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<IReportExporter> DefaultExporters { get; } =
        [new MarkdownExporter(), new HtmlExporter(), new JsonExporter(), new CsvExporter()];

    /// <summary>Finds and reads the runs under <paramref name="paths"/> (see <see cref="RunDirectoryReader.Discover"/>).</summary>
    public static ReportSummary Summarise(IEnumerable<string> paths, string? title, DateTimeOffset now, string harnessVersion)
    {
        var runs = RunDirectoryReader.Discover(paths).Select(RunDirectoryReader.Read).ToList();
        return ReportSummaryBuilder.Build(runs, title, now, harnessVersion);
    }

    public static IReadOnlyList<string> Write(ReportSummary summary, string outDir, IEnumerable<IReportExporter>? exporters = null)
    {
        outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(outDir);
        return (exporters ?? DefaultExporters).SelectMany(e => e.Export(summary, outDir)).ToList();
    }
}
