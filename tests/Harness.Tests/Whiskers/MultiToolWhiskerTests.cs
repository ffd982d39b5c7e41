using System.Text.Json.Nodes;
using Harness.Core.Episodes;
using Harness.Core.Randomness;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;
using Harness.Sim.Whiskers;
using Harness.Tests.Support;

namespace Harness.Tests.Whiskers;

/// <summary>Whiskers of a robot with several grippers: one tool path per gripper, in the files, the metrics, the overlay and the simulator.</summary>
public class MultiToolWhiskerTests
{
    private static Point3 P(double x, double y = 0) => new(x, y, 0.1);

    private static WhiskerTrace TwoTools() => new(
        "trossen-transfer-cube", "scripted", 1, 7, ["left_site", "right_site"], 30, "SUCCESS",
        [[P(0), P(1), P(2), P(3)], [P(10), P(10), P(11), P(12)]],
        [
            new WhiskerQuery(0, 0,
            [
                new ToolWhisker(P(0), [P(1), P(2), P(3)], [P(1)], []),
                new ToolWhisker(P(10), [P(10), P(10), P(10)], [P(10)], []),
            ], [[0, 1], [0, 2], [0, 3]], [0, 1]),
            new WhiskerQuery(1, 1,
            [
                new ToolWhisker(P(1), [P(2.5), P(3.5)], [P(2), P(3)], [[P(0)], [P(0.002)]]),
                new ToolWhisker(P(10), [P(10)], [P(11), P(12)], [[P(10)], [P(10, 0.006)]]),
            ], [[1, 1], [1, 2]], [1, 2]),
        ],
        [new WhiskerMoment(WhiskerMoment.FirstQuery, 0, "first"), new WhiskerMoment("grasp_right", 2, "grasp"), new WhiskerMoment(WhiskerMoment.End, 3, "end")],
        ["a note"]);

    [Test]
    public void Consistency_is_the_mean_over_every_tools_overlapping_rows()
    {
        // Left: rows (2 vs 2.5) and (3 vs 3.5): 0.5 m each; right: one row (10 vs 10): 0. Pooled: 1.0 / 3 rows.
        var m = WhiskerMetrics.Evaluate(TwoTools().Queries);
        Assert.That(m[1].ConsistencyM, Is.EqualTo(1.0 / 3).Within(1e-12));
        // Sample spread per tool (0.001 m and 0.003 m), then their mean.
        Assert.That(m[1].SampleSpreadM, Is.EqualTo(0.002).Within(1e-12));
        Assert.Throws<ArgumentException>(() => WhiskerMetrics.Consistency(0, [[P(1)]], 1, [[P(1)], [P(2)]]));
    }

    [Test]
    public void A_two_tool_trace_round_trips_and_older_readers_find_the_first_tool_where_it_always_was()
    {
        using var dir = new TempDir("wmt");
        var t = TwoTools();
        WhiskerFiles.WriteTrace(dir[WhiskerFiles.TraceFile], t);
        var back = WhiskerFiles.ReadTrace(dir[WhiskerFiles.TraceFile]);
        Assert.That(back.ToolSites, Is.EqualTo(new[] { "left_site", "right_site" }));
        Assert.That(back.ToolPaths[1], Is.EqualTo(t.ToolPaths[1]));
        for (int q = 0; q < 2; q++)
            for (int k = 0; k < 2; k++)
            {
                Assert.That(back.Queries[q].Tools[k].Start, Is.EqualTo(t.Queries[q].Tools[k].Start));
                Assert.That(back.Queries[q].Tools[k].Predicted, Is.EqualTo(t.Queries[q].Tools[k].Predicted));
                Assert.That(back.Queries[q].Tools[k].Actual, Is.EqualTo(t.Queries[q].Tools[k].Actual));
                Assert.That(back.Queries[q].Tools[k].Samples.Select(s => s.ToArray()), Is.EqualTo(t.Queries[q].Tools[k].Samples.Select(s => s.ToArray())));
            }

        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.TraceFile]))!;
        Assert.That((string)json["tool_site"]!, Is.EqualTo("left_site"), "version 2's field: the first tool");
        Assert.That(json["tool_path"]!.AsArray().Select(p => (double)p![0]!), Is.EqualTo(new[] { 0.0, 1, 2, 3 }));
        Assert.That(json["queries"]![1]!["predicted"]!.AsArray().Select(p => (double)p![0]!), Is.EqualTo(new[] { 2.5, 3.5 }));
        Assert.That((string)json["more_tools"]![0]!["tool_site"]!, Is.EqualTo("right_site"));
        Assert.That(json["queries"]![1]!["more_tools"]![0]!["actual"]!.AsArray().Select(p => (double)p![0]!), Is.EqualTo(new[] { 11.0, 12 }));
    }

    [Test]
    public void A_version_2_single_tool_file_still_reads_as_one_tool()
    {
        using var dir = new TempDir("wv2");
        var t = TwoTools();
        WhiskerFiles.WriteTrace(dir[WhiskerFiles.TraceFile], t);
        var json = JsonNode.Parse(File.ReadAllText(dir[WhiskerFiles.TraceFile]))!.AsObject();
        json["version"] = 2;
        json.Remove("tool_sites");
        json.Remove("more_tools");
        foreach (var q in json["queries"]!.AsArray()) q!.AsObject().Remove("more_tools");
        File.WriteAllText(dir["v2.json"], json.ToJsonString());
        var back = WhiskerFiles.ReadTrace(dir["v2.json"]);
        Assert.That(back.ToolSites, Is.EqualTo(new[] { "left_site" }));
        Assert.That(back.ToolPaths, Has.Count.EqualTo(1));
        Assert.That(back.Queries.Select(q => q.Tools.Count), Is.All.EqualTo(1));
        Assert.That(back.Queries[1].Predicted, Is.EqualTo(t.Queries[1].Predicted));
    }

    [Test]
    public void The_overlay_draws_every_tools_actual_path_and_prediction()
    {
        var t = TwoTools();
        var o = WhiskerOverlay.Build(t, 3, WhiskerStyle.Default with { ActualMinSegment = 0 });
        var orange = o.Segments.Where(s => s.Colour == Rgba.Orange).ToArray();
        Assert.That(orange, Has.Length.EqualTo(6), "3 steps of each of the two tool paths");
        Assert.That(orange.Count(s => s.X0 >= 10), Is.EqualTo(3), "the right tool's path is drawn where it went");
        var green = o.Segments.Where(s => s.Colour with { A = 1 } == Rgba.Green && s.Radius == WhiskerStyle.Default.CurrentRadius).ToArray();
        Assert.That(green, Has.Length.EqualTo(3), "the current query's predictions: 2 rows of the left tool, 1 of the right");
        Assert.That(green.Select(s => s.X1), Is.EquivalentTo(new[] { 2.5, 3.5, 10 }));
    }

    [Test]
    public void The_simulator_records_one_path_per_gripper_of_the_bimanual_kit()
    {
        var scene = SceneCatalog.Get("trossen-transfer-cube");
        using var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 40));
        using var expert = scene.CreateExpert();
        using var reuse = new WhiskerSimulator(new WhiskerOptions(), expert);
        using var full = new WhiskerSimulator(new WhiskerOptions(ReuseExecutedRows: false), expert);
        var ends = new List<Point3[]>();
        var record = new EpisodeRunner(env, expert, null, [reuse, full, new SiteProbe(env, ends)]).Run(0, EpisodeSeeds.For(0, 0));
        var t = reuse.Trace;
        Assert.That(t.ToolSites, Is.EqualTo(new[] { "follower_left_ee_site", "follower_right_ee_site" }));
        Assert.That(t.ToolPaths.Select(p => p.Count), Is.All.EqualTo(record.StepCount + 1));
        for (int k = 0; k < 2; k++)
            Assert.That(t.ToolPaths[k].Skip(1), Is.EqualTo(ends.Select(e => e[k])), $"tool {k} is where MuJoCo put the site after each step");
        Assert.That(t.ToolPaths[0][^1].Y, Is.GreaterThan(0), "the left tool stays on the left");
        Assert.That(t.ToolPaths[1][^1].Y, Is.LessThan(0));
        // Reused executed rows and full forward simulation give the same predictions, for both tools, bit for bit.
        for (int q = 0; q < t.Queries.Count; q++)
            for (int k = 0; k < 2; k++)
                Assert.That(t.Queries[q].Tools[k].Predicted, Is.EqualTo(full.Trace.Queries[q].Tools[k].Predicted), $"query {q}, tool {k}");
    }

    [Test]
    public void Grasp_and_release_moments_are_named_after_each_gripper()
    {
        var scene = SceneCatalog.Get("trossen-transfer-cube");
        using var env = new MujocoEnv(scene);
        using var expert = scene.CreateExpert();
        using var w = new WhiskerSimulator(new WhiskerOptions(), expert);
        var record = new EpisodeRunner(env, expert, null, [w]).Run(0, EpisodeSeeds.For(1, 0));
        Assert.That(record.Outcome.Label, Is.EqualTo("SUCCESS"));
        Assert.That(w.Trace.Moments.Select(m => m.Name), Is.EqualTo(new[] { "first_query", "grasp_right", "grasp_left", "release_right", "end" }));
        Assert.That(w.Trace.Notes, Does.Contain("left gripper: no release happened: the grasped object was still between the jaws at the end."));
    }

    /// <summary>Where MuJoCo's sites are after every step, read independently of the whisker simulator.</summary>
    private sealed class SiteProbe(MujocoEnv env, List<Point3[]> ends) : IEpisodeObserver
    {
        private readonly int[] _sites = new[] { "follower_left_ee_site", "follower_right_ee_site" }.Select(s => env.Model.RequireId(MjObject.Site, s)).ToArray();

        public void OnStep(Harness.Core.Robots.IRobotEnv e, StepRecord step, Harness.Core.Robots.Observation next) =>
            ends.Add(_sites.Select(s => Point3.From(env.Data.SitePos(s))).ToArray());
    }
}
