using Harness.Core.IO;
namespace Harness.Eval.SimReal;

/// <summary>
/// Writes a sim-to-real report into a folder: charts/*.svg, report.md, report.html and, last,
/// report.json. Every file is written to a temporary name and renamed, so a reader never sees a
/// half-written file, and report.json appears only once the rest is complete.
/// </summary>
public static class SimRealReportWriter
{
    public const string ChartsFolder = "charts";

    public static IReadOnlyList<string> Write(SimRealReport report, string outDir)
    {
        outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(Path.Combine(outDir, ChartsFolder));
        var written = new List<string>();
        void Put(string relative, string text)
        {
            string path = Path.Combine(outDir, relative);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        // An earlier report.json in the folder would vouch for files about to change: remove it first.
        File.Delete(Path.Combine(outDir, SimRealJson.FileName));
        foreach (var c in SimRealCharts.For(report)) Put(Path.Combine(ChartsFolder, c.FileName), c.Svg.ToSvg());
        Put(SimRealMarkdown.FileName, SimRealMarkdown.Render(report, ChartsFolder));
        Put(SimRealHtml.FileName, SimRealHtml.Render(report));
        Put(SimRealJson.FileName, SimRealJson.Render(report));
        return written;
    }
}
