using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Core.Robots;

namespace Harness.Core.Whiskers;

/// <summary>
/// whiskers.json (per query: step, start, predicted and executed tool points, samples, the chunk's
/// actions and the last one executed) and whisker_metrics.json (per-episode summary and per-query
/// metrics). Points are [x, y, z] in metres, world frame; actions are in the joints' units, listed
/// under <c>joints</c>. The first tool is written where versions 1 and 2 had the only one
/// (<c>tool_site</c>, <c>tool_path</c>, and per query <c>start</c>, <c>predicted</c>, <c>actual</c>,
/// <c>samples</c>), so older readers still read it; version 3 adds <c>tool_sites</c> and, for a robot
/// with several grippers, <c>more_tools</c> (the other tools, same fields) at both levels. Version 1
/// files (no actions, no joints) and version 2 files (one tool) still read.
/// </summary>
public static class WhiskerFiles
{
    public const string TraceFile = "whiskers.json", MetricsFile = "whisker_metrics.json";
    public const int FormatVersion = 3;

    /// <summary>Why whiskers in simulation report no prediction error (written into whisker_metrics.json).</summary>
    public const string NoPredictionError =
        "no prediction error is reported: in simulation every chunk is forward-simulated from the very state it was predicted in, by the code that executes it, " +
        "so the executed rows equal the prediction by construction (it becomes meaningful when a real robot is compared with its simulated twin).";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Dictionary<string, string> Definitions = new()
    {
        ["consistency_m"] = "mean distance between the previous prediction's rows and the new prediction's rows that refer to the same future step (undefined when they do not overlap, e.g. whole chunks executed)",
        ["sample_spread_m"] = "mean distance of the end points of K sampled chunks to their centroid (stochastic policies, --samples K)",
        ["action_jump"] = "per joint, in its unit: |first action of a chunk - last action executed from the previous chunk| at each chunk boundary (a plan discontinuity; exists even when whole chunks run open-loop)",
        ["action_jump_share_of_range"] = "at each chunk boundary, the largest action jump over the joints as a share of that joint's range (max - min)",
    };

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
                ["samples"] = Samples(q.Samples),
                ["more_tools"] = new JsonArray(q.Tools.Skip(1).Select(w => (JsonNode)new JsonObject
                {
                    ["start"] = Point(w.Start), ["predicted"] = Points(w.Predicted), ["actual"] = Points(w.Actual), ["samples"] = Samples(w.Samples),
                }).ToArray()),
                ["actions"] = q.Actions is null ? null : new JsonArray(q.Actions.Select(a => (JsonNode)Numbers(a)).ToArray()),
                ["last_executed"] = q.LastExecuted is null ? null : Numbers(q.LastExecuted),
                ["consistency_m"] = metrics[i].ConsistencyM,
                ["sample_spread_m"] = metrics[i].SampleSpreadM,
                ["action_jump"] = metrics[i].ActionJump is { } jump ? Numbers(jump) : null,
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
            ["tool_sites"] = new JsonArray(t.ToolSites.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
            ["control_hz"] = t.ControlHz,
            ["steps"] = t.Steps,
            ["outcome"] = t.Outcome,
            ["joints"] = JsonSerializer.SerializeToNode(t.JointSpecs),
            ["notes"] = new JsonArray(t.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["moments"] = new JsonArray(t.Moments.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name, ["step"] = m.Step, ["description"] = m.Description,
            }).ToArray()),
            ["tool_path"] = Points(t.ToolPath),
            ["more_tools"] = new JsonArray(t.ToolSites.Skip(1).Zip(t.ToolPaths.Skip(1)).Select(x => (JsonNode)new JsonObject
            {
                ["tool_site"] = x.First, ["tool_path"] = Points(x.Second),
            }).ToArray()),
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
            (int)n!["index"]!, (int)n["step"]!,
            [ReadTool(n), .. n["more_tools"]?.AsArray().Select(w => ReadTool(w!)) ?? []],
            n["actions"]?.AsArray().Select(a => ReadNumbers(a!)).ToArray(),
            n["last_executed"] is { } last ? ReadNumbers(last) : null)).ToArray();
        var more = root["more_tools"]?.AsArray().Select(w => (Site: (string)w!["tool_site"]!, Path: (IReadOnlyList<Point3>)ReadPoints(w["tool_path"]!))).ToArray() ?? [];
        return new WhiskerTrace(
            (string)root["scene"]!, (string)root["policy"]!, (int)root["episode"]!, (int)root["seed"]!,
            [(string)root["tool_site"]!, .. more.Select(m => m.Site)], (double)root["control_hz"]!, (string)root["outcome"]!,
            [ReadPoints(root["tool_path"]!), .. more.Select(m => m.Path)], queries,
            root["moments"]!.AsArray().Select(m => new WhiskerMoment((string)m!["name"]!, (int)m["step"]!, (string)m["description"]!)).ToArray(),
            root["notes"]!.AsArray().Select(n => (string)n!).ToArray(),
            root["joints"]?.Deserialize<JointSpec[]>());
    }

    private static ToolWhisker ReadTool(JsonNode n) => new(ReadPoint(n["start"]!), ReadPoints(n["predicted"]!), ReadPoints(n["actual"]!),
        n["samples"]!.AsArray().Select(s => (IReadOnlyList<Point3>)ReadPoints(s!)).ToArray());

    private static JsonArray Samples(IReadOnlyList<IReadOnlyList<Point3>> samples) => new(samples.Select(s => (JsonNode)Points(s)).ToArray());

    public static void WriteMetrics(string path, WhiskerTrace t)
    {
        var perQuery = WhiskerMetrics.Evaluate(t.Queries);
        var s = WhiskerSummary.Of(perQuery, t.JointSpecs);
        var jumps = new JsonObject();
        foreach (var j in s.ActionJumps)
            jumps[j.Joint] = new JsonObject { ["unit"] = j.Unit, ["n"] = j.Stat.N, ["mean"] = j.Stat.Mean, ["max"] = j.Stat.Max };
        var root = new JsonObject
        {
            ["format"] = "harness-whisker-metrics",
            ["version"] = FormatVersion,
            ["policy"] = t.Policy,
            ["scene"] = t.Scene,
            ["episode"] = t.Episode,
            ["seed"] = t.Seed,
            ["queries"] = t.Queries.Count,
            ["definitions"] = new JsonObject(Definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(d.Value)))),
            ["summary"] = new JsonObject
            {
                ["consistency_m"] = Stat(s.Consistency),
                ["sample_spread_m"] = Stat(s.SampleSpread),
                ["action_jump"] = jumps,
                ["action_jump_share_of_range"] = Stat(s.JumpShareOfRange),
            },
            ["notes"] = new JsonArray([.. t.Notes.Select(n => (JsonNode)JsonValue.Create(n)!), JsonValue.Create(NoPredictionError)]),
            ["per_query"] = new JsonArray(perQuery.Select(m => (JsonNode)new JsonObject
            {
                ["index"] = m.Index, ["step"] = m.Step, ["consistency_m"] = m.ConsistencyM, ["sample_spread_m"] = m.SampleSpreadM,
                ["action_jump"] = m.ActionJump is { } jump
                    ? new JsonObject(jump.Select((v, j) => KeyValuePair.Create(s.ActionJumps[j].Joint, (JsonNode?)JsonValue.Create(v))))
                    : null,
            }).ToArray()),
        };
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    private static JsonObject Stat(WhiskerStat s) => new() { ["n"] = s.N, ["mean"] = s.Mean, ["p95"] = s.P95, ["max"] = s.Max };

    private static JsonArray Point(Point3 p) => [p.X, p.Y, p.Z];

    private static JsonArray Points(IEnumerable<Point3> ps) => new(ps.Select(p => (JsonNode)Point(p)).ToArray());

    private static JsonArray Numbers(IEnumerable<double> v) => new(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    private static double[] ReadNumbers(JsonNode n) => n.AsArray().Select(x => (double)x!).ToArray();

    private static Point3 ReadPoint(JsonNode n)
    {
        var a = n.AsArray();
        if (a.Count != 3) throw new InvalidDataException($"expected a point [x, y, z]; found {a.ToJsonString()}.");
        return new Point3((double)a[0]!, (double)a[1]!, (double)a[2]!);
    }

    private static Point3[] ReadPoints(JsonNode n) => n.AsArray().Select(p => ReadPoint(p!)).ToArray();
}
