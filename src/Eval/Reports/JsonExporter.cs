using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Eval.Reports;

/// <summary>report.json: the whole summary, snake_case, for scripts and dashboards.</summary>
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
        File.WriteAllText(file, JsonSerializer.Serialize(summary, Options));
        return [file];
    }
}
