using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Core.Whiskers;

/// <summary>
/// whiskers.json (per query: step, start, predicted and executed tool points, samples) and
/// whisker_metrics.json (per-episode summary and per-query metrics). Points are [x, y, z] in
/// metres, world frame.
/// </summary>
public static class WhiskerFiles
{
    public const string TraceFile = "whiskers.json", MetricsFile = "whisker_metrics.json";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteTrace(string path, WhiskerTrace t)
    {
        var metrics = WhiskerMetrics.Evaluate(t.Queries);
        var queries = new JsonArray();
        for (int i = 0; i < t.Queries.Count; i++)
        {
            var q = t.Queries[i];
            queries.Add(new JsonObject
            {
                ["index"] = q.Index,
                ["step"] = q.Step,
                ["horizon"] = q.Horizon,
                ["executed_rows"] = q.ExecutedRows,
                ["start"] = Point(q.Start),
                ["predicted"] = Points(q.Predicted),
                ["actual"] = Points(q.Actual),
                ["samples"] = new JsonArray(q.Samples.Select(s => (JsonNode)Points(s)).ToArray()),
                ["prediction_error_m"] = metrics[i].PredictionErrorM,
                ["consistency_m"] = metrics[i].ConsistencyM,
                ["sample_spread_m"] = metrics[i].SampleSpreadM,
            });
        }
        var root = new JsonObject
        {
            ["format"] = "harness-whiskers",
            ["version"] = FormatVersion,
            ["scene"] = t.Scene,
            ["policy"] = t.Policy,
            ["episode"] = t.Episode,
            ["seed"] = t.Seed,
            ["tool_site"] = t.ToolSite,
            ["control_hz"] = t.ControlHz,
            ["steps"] = t.Steps,
            ["outcome"] = t.Outcome,
            ["notes"] = new JsonArray(t.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["moments"] = new JsonArray(t.Moments.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name, ["step"] = m.Step, ["description"] = m.Description,
            }).ToArray()),
            ["tool_path"] = Points(t.ToolPath),
            ["queries"] = queries,
        };
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    public static WhiskerTrace ReadTrace(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path}: expected a JSON object written by `harness whiskers`.");
        if ((string?)root["format"] != "harness-whiskers")
            throw new InvalidDataException($"{path}: expected format 'harness-whiskers'; found '{root["format"]}'. Is this a whiskers.json?");
        var queries = root["queries"]!.AsArray().Select(n => new WhiskerQuery(
            (int)n!["index"]!, (int)n["step"]!, ReadPoint(n["start"]!), ReadPoints(n["predicted"]!), ReadPoints(n["actual"]!),
            n["samples"]!.AsArray().Select(s => (IReadOnlyList<Point3>)ReadPoints(s!)).ToArray())).ToArray();
        return new WhiskerTrace(
            (string)root["scene"]!, (string)root["policy"]!, (int)root["episode"]!, (int)root["seed"]!,
            (string)root["tool_site"]!, (double)root["control_hz"]!, (string)root["outcome"]!,
            ReadPoints(root["tool_path"]!), queries,
            root["moments"]!.AsArray().Select(m => new WhiskerMoment((string)m!["name"]!, (int)m["step"]!, (string)m["description"]!)).ToArray(),
            root["notes"]!.AsArray().Select(n => (string)n!).ToArray());
    }

    public static void WriteMetrics(string path, WhiskerTrace t)
    {
        var perQuery = WhiskerMetrics.Evaluate(t.Queries);
        var s = WhiskerSummary.Of(perQuery);
        var root = new JsonObject
        {
            ["format"] = "harness-whisker-metrics",
            ["version"] = FormatVersion,
            ["policy"] = t.Policy,
            ["scene"] = t.Scene,
            ["episode"] = t.Episode,
            ["seed"] = t.Seed,
            ["queries"] = t.Queries.Count,
            ["definitions"] = new JsonObject
            {
                ["prediction_error_m"] = "mean distance between the predicted and the actual tool path over the rows of the chunk that were executed",
                ["consistency_m"] = "mean distance between the previous prediction's rows and the new prediction's rows that refer to the same future step (undefined when they do not overlap)",
                ["sample_spread_m"] = "mean distance of the end points of K sampled chunks to their centroid (stochastic policies, --samples K)",
            },
            ["summary"] = new JsonObject
            {
                ["prediction_error_m"] = Stat(s.PredictionError),
                ["consistency_m"] = Stat(s.Consistency),
                ["sample_spread_m"] = Stat(s.SampleSpread),
            },
            ["notes"] = new JsonArray(t.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["per_query"] = new JsonArray(perQuery.Select(m => (JsonNode)new JsonObject
            {
                ["index"] = m.Index, ["step"] = m.Step, ["prediction_error_m"] = m.PredictionErrorM,
                ["consistency_m"] = m.ConsistencyM, ["sample_spread_m"] = m.SampleSpreadM,
            }).ToArray()),
        };
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    private static JsonObject Stat(WhiskerStat s) => new() { ["n"] = s.N, ["mean"] = s.Mean, ["p95"] = s.P95, ["max"] = s.Max };

    private static JsonArray Point(Point3 p) => [p.X, p.Y, p.Z];

    private static JsonArray Points(IEnumerable<Point3> ps) => new(ps.Select(p => (JsonNode)Point(p)).ToArray());

    private static Point3 ReadPoint(JsonNode n)
    {
        var a = n.AsArray();
        if (a.Count != 3) throw new InvalidDataException($"expected a point [x, y, z]; found {a.ToJsonString()}.");
        return new Point3((double)a[0]!, (double)a[1]!, (double)a[2]!);
    }

    private static Point3[] ReadPoints(JsonNode n) => n.AsArray().Select(p => ReadPoint(p!)).ToArray();
}
