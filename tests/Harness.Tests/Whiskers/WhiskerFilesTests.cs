using System.Text.Json.Nodes;
using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

public class WhiskerFilesTests
{
    private static WhiskerTrace Trace() => new(
        "so101-pick-place", "scripted", 2, 99, "tcp", 30, "SUCCESS",
        [new(0, 0, 0.1), new(0.01, 0, 0.1), new(0.02, 0, 0.1), new(0.03, 0.001, 0.1)],
        [
            new WhiskerQuery(0, 0, new(0, 0, 0.1), [new(0.01, 0, 0.1), new(0.02, 0, 0.1)], [new(0.01, 0, 0.1), new(0.02, 0, 0.1)], [],
                [[0, 10], [2, 10]], [2, 10]),
            new WhiskerQuery(1, 2, new(0.02, 0, 0.1), [new(0.03, 0, 0.1), new(0.04, 0, 0.1)], [new(0.03, 0.001, 0.1)],
                [[new(0.04, 0, 0.1)], [new(0.04, 0.002, 0.1)]], [[5, 30], [6, 30]], [5, 30]),
        ],
        [new WhiskerMoment(WhiskerMoment.FirstQuery, 0, "first"), new WhiskerMoment(WhiskerMoment.End, 3, "end")],
        ["a note"],
        [new JointSpec("arm.pos", Units.Degrees, -50, 50), new JointSpec("gripper.pos", Units.Percent, 0, 100, JointKind.Gripper, new GripperSense(100, 0))]);

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
        Assert.That(back.Queries.Select(q => q.Actions), Is.EqualTo(t.Queries.Select(q => q.Actions)));
        Assert.That(back.Queries.Select(q => q.LastExecuted), Is.EqualTo(t.Queries.Select(q => q.LastExecuted)));
        Assert.That(back.Queries[1].Samples, Has.Count.EqualTo(2));
        Assert.That(back.Moments, Is.EqualTo(t.Moments));
        Assert.That(back.Notes, Is.EqualTo(t.Notes));
        Assert.That(back.JointSpecs, Is.EqualTo(t.JointSpecs));

        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.TraceFile]))!;
        Assert.That((int)json["version"]!, Is.EqualTo(3));
        var q1 = json["queries"]![1]!;
        Assert.That((int)q1["step"]!, Is.EqualTo(2));
        Assert.That((int)q1["executed_rows"]!, Is.EqualTo(1));
        Assert.That(q1["action_jump"]!.AsArray().Select(v => (double)v!), Is.EqualTo(new[] { 3.0, 20.0 }));   // [5, 30] after [2, 10]
        Assert.That((double)q1["sample_spread_m"]!, Is.EqualTo(0.001).Within(1e-12));
        Assert.That(q1["consistency_m"], Is.Null, "query 0 was fully executed: no overlap");
        Assert.That(q1["prediction_error_m"], Is.Null, "zero by construction in simulation: not reported");
    }

    [Test]
    public void A_version_1_trace_without_actions_or_joints_still_reads()
    {
        using var dir = new TempDir("w1");
        var t = Trace();
        WhiskerFiles.WriteTrace(dir[WhiskerFiles.TraceFile], t);
        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.TraceFile]))!.AsObject();
        json.Remove("joints");
        json["version"] = 1;
        foreach (var q in json["queries"]!.AsArray()) { q!.AsObject().Remove("actions"); q.AsObject().Remove("last_executed"); }
        File.WriteAllText(dir["v1.json"], json.ToJsonString());
        var back = WhiskerFiles.ReadTrace(dir["v1.json"]);
        Assert.That(back.JointSpecs, Is.Empty);
        Assert.That(back.Queries.Select(q => q.Actions), Is.All.Null);
        Assert.That(back.Summary().JumpShareOfRange.N, Is.EqualTo(0));
    }

    [Test]
    public void The_metrics_file_has_summaries_per_joint_in_their_units_and_says_why_there_is_no_prediction_error()
    {
        using var dir = new TempDir("wm");
        WhiskerFiles.WriteMetrics(dir[WhiskerFiles.MetricsFile], Trace());
        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.MetricsFile]))!;
        var summary = json["summary"]!;
        var arm = summary["action_jump"]!["arm.pos"]!;
        Assert.That(((string)arm["unit"]!, (int)arm["n"]!, (double)arm["mean"]!, (double)arm["max"]!), Is.EqualTo(("deg", 1, 3.0, 3.0)));
        Assert.That((double)summary["action_jump"]!["gripper.pos"]!["max"]!, Is.EqualTo(20.0));
        Assert.That((double)summary["action_jump_share_of_range"]!["max"]!, Is.EqualTo(0.2).Within(1e-12)); // max(3/100, 20/100)
        Assert.That((int)summary["consistency_m"]!["n"]!, Is.EqualTo(0));
        Assert.That(summary["consistency_m"]!["mean"], Is.Null);
        Assert.That(summary["prediction_error_m"], Is.Null);
        Assert.That(json["per_query"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((double)json["per_query"]![1]!["action_jump"]!["gripper.pos"]!, Is.EqualTo(20.0));
        Assert.That((string)json["definitions"]!["action_jump"]!, Does.Contain("last action executed"));
        Assert.That(json["notes"]!.AsArray().Select(n => (string)n!), Has.Some.Contains("zero by construction").Or.Some.Contains("by construction"));
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
