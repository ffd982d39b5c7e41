using System.Text.Json.Nodes;
using Harness.Core.Whiskers;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

public class WhiskerFilesTests
{
    private static WhiskerTrace Trace() => new(
        "so101-pick-place", "scripted", 2, 99, "tcp", 30, "SUCCESS",
        [new(0, 0, 0.1), new(0.01, 0, 0.1), new(0.02, 0, 0.1), new(0.03, 0.001, 0.1)],
        [
            new WhiskerQuery(0, 0, new(0, 0, 0.1), [new(0.01, 0, 0.1), new(0.02, 0, 0.1)], [new(0.01, 0, 0.1), new(0.02, 0, 0.1)], []),
            new WhiskerQuery(1, 2, new(0.02, 0, 0.1), [new(0.03, 0, 0.1), new(0.04, 0, 0.1)], [new(0.03, 0.001, 0.1)],
                [[new(0.04, 0, 0.1)], [new(0.04, 0.002, 0.1)]]),
        ],
        [new WhiskerMoment(WhiskerMoment.FirstQuery, 0, "first"), new WhiskerMoment(WhiskerMoment.End, 3, "end")],
        ["a note"]);

    [Test]
    public void The_trace_file_round_trips_and_carries_per_query_metrics()
    {
        using var dir = new TempDir("wf");
        var t = Trace();
        WhiskerFiles.WriteTrace(dir[WhiskerFiles.TraceFile], t);
        var back = WhiskerFiles.ReadTrace(dir[WhiskerFiles.TraceFile]);
        Assert.That(back.ToolPath, Is.EqualTo(t.ToolPath));
        Assert.That(back.Queries.Select(q => q.Predicted), Is.EqualTo(t.Queries.Select(q => q.Predicted)));
        Assert.That(back.Queries.Select(q => q.Actual), Is.EqualTo(t.Queries.Select(q => q.Actual)));
        Assert.That(back.Queries[1].Samples, Has.Count.EqualTo(2));
        Assert.That(back.Moments, Is.EqualTo(t.Moments));
        Assert.That(back.Notes, Is.EqualTo(t.Notes));

        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.TraceFile]))!;
        var q1 = json["queries"]![1]!;
        Assert.That((int)q1["step"]!, Is.EqualTo(2));
        Assert.That((int)q1["executed_rows"]!, Is.EqualTo(1));
        Assert.That((double)q1["prediction_error_m"]!, Is.EqualTo(0.001).Within(1e-12));
        Assert.That((double)q1["sample_spread_m"]!, Is.EqualTo(0.001).Within(1e-12));
        Assert.That(q1["consistency_m"], Is.Null, "query 0 was fully executed: no overlap");
    }

    [Test]
    public void The_metrics_file_has_summaries_and_per_query_values()
    {
        using var dir = new TempDir("wm");
        WhiskerFiles.WriteMetrics(dir[WhiskerFiles.MetricsFile], Trace());
        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.MetricsFile]))!;
        var pe = json["summary"]!["prediction_error_m"]!;
        Assert.That((int)pe["n"]!, Is.EqualTo(2));
        Assert.That((double)pe["mean"]!, Is.EqualTo(0.0005).Within(1e-12));
        Assert.That((double)pe["max"]!, Is.EqualTo(0.001).Within(1e-12));
        Assert.That((int)json["summary"]!["consistency_m"]!["n"]!, Is.EqualTo(0));
        Assert.That(json["summary"]!["consistency_m"]!["mean"], Is.Null);
        Assert.That(json["per_query"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((string)json["definitions"]!["prediction_error_m"]!, Does.Contain("executed"));
    }

    [Test]
    public void A_foreign_json_file_is_refused_with_what_was_expected()
    {
        using var dir = new TempDir("wx");
        File.WriteAllText(dir["x.json"], "{\"format\": \"something-else\"}");
        var ex = Assert.Throws<InvalidDataException>(() => WhiskerFiles.ReadTrace(dir["x.json"]));
        Assert.That(ex!.Message, Does.Contain("harness-whiskers"));
    }
}
