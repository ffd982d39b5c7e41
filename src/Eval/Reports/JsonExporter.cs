using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Eval.Reports;

/// <summary>report.json: the whole summary, snake_case, for scripts and dashboards; paths relative to the report folder.</summary>
public sealed class JsonExporter : IReportExporter
{
    public const string FileName = "report.json";

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Name => "json";

    public IReadOnlyList<string> Export(ReportSummary summary, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(outDir, FileName);
        File.WriteAllText(file, JsonSerializer.Serialize(RelativePaths(summary, outDir), Options));
        return [file];
    }

    // Paths relative to the report folder, so a report can be moved or committed together with its runs.
    private static ReportSummary RelativePaths(ReportSummary summary, string outDir)
    {
        string root = Path.GetFullPath(outDir);
        string Rel(string p) => Path.GetRelativePath(root, p);
        return summary with
        {
            Scenes = summary.Scenes.Select(sc => sc with
            {
                Runs = sc.Runs.Select(r => r with
                {
                    Directory = Rel(r.Directory),
                    Videos = r.Videos.Select(Rel).ToArray(),
                    WhiskerImages = r.WhiskerImages.Select(Rel).ToArray(),
                }).ToArray(),
            }).ToArray(),
        };
    }
}
