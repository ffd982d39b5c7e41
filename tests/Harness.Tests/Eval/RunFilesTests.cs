using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.Eval;

/// <summary>run.json and episodes.csv for a task the harness does not know (the fake reach task), with hand-computed figures.</summary>
public class RunFilesTests
{
    private static EpisodeRow Row(int i, string outcome, double? error, double? moved, double? time) => new()
    {
        Episode = i, Seed = 100 + i, Outcome = outcome, Success = outcome == "SUCCESS", Steps = 10 * (i + 1),
        Metrics = new Dictionary<string, double?> { ["final_error_deg"] = error, ["moved"] = moved, ["time_to_target_s"] = time },
        PolicyCalls = i + 1, WallS = 0.5,
    };

    private static readonly EpisodeRow[] Rows =
    [
        Row(0, "SUCCESS", 1.0, 1, 0.4),
        Row(1, "SHORT", 5.0, 1, null),
        Row(2, "SUCCESS", 0.5, 0, 0.8),
        Row(3, "ERROR", null, null, null),
        Row(4, "WRONG_SIDE", 9.5, 1, null),
    ];

    [Test]
    public void Aggregates_follow_the_schema_and_skip_what_an_episode_did_not_measure()
    {
        var agg = new RunAggregate(FakeRobotEnv.ReachSchema);
        foreach (var r in Rows) agg.Add(r, [2.0, 4.0]);
        var s = agg.ApplyTo(new RunSummary { Scene = "fake", Policy = "p" });
        Assert.That((s.Episodes, s.Successes, s.SuccessRate), Is.EqualTo((5, 2, 0.4)));
        Assert.That(s.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["SUCCESS"] = 2, ["WRONG_SIDE"] = 1, ["SHORT"] = 1, ["ERROR"] = 1 }));
        Assert.That(s.Metrics["final_error_deg_mean"], Is.EqualTo(4.0).Within(1e-12));   // (1 + 5 + 0.5 + 9.5) / 4: the ERROR episode measured nothing
        Assert.That(s.Metrics["final_error_deg_max"], Is.EqualTo(9.5));
        Assert.That(s.Metrics["moved_rate"], Is.EqualTo(0.75).Within(1e-12));            // 3 of the 4 that measured it
        Assert.That(s.Metrics["time_to_target_s_p50"], Is.EqualTo(0.6).Within(1e-12));   // median of 0.4 and 0.8
        Assert.That(s.Metrics.Keys, Is.EquivalentTo(new[] { "final_error_deg_mean", "final_error_deg_max", "moved_rate", "time_to_target_s_p50" }));
    }

    [Test]
    public void Episodes_written_out_of_order_reach_the_file_in_order_and_read_back_as_written()
    {
        using var dir = new TempDir();
        using (var w = RunDirectoryWriter.Create(dir["r"], new RunSummary { Scene = "fake", Policy = "p", EpisodesRequested = 5 }, FakeRobotEnv.ReachSchema))
        {
            foreach (int i in new[] { 2, 0, 4 }) w.Add(Rows[i], []);
            Assert.That(RunDirectoryReader.ReadSummary(dir["r"]).Episodes, Is.EqualTo(1), "episode 1 is missing: only episode 0 can be written");
            foreach (int i in new[] { 1, 3 }) w.Add(Rows[i], []);
            w.Complete(DateTimeOffset.UnixEpoch, 1);
        }
        var run = RunDirectoryReader.Read(dir["r"]);
        Assert.That(run.Episodes.Select(e => e.Episode), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(File.ReadLines(dir["r/episodes.csv"]).First(),
            Is.EqualTo("episode,seed,outcome,success,steps,final_error_deg,moved,time_to_target_s,policy_calls,policy_latency_ms_p50,wall_s,detail,error"));
        Assert.That(run.Episodes[2].Metric("moved"), Is.EqualTo(0));
        Assert.That(run.Episodes[3].Metrics.Values, Is.All.Null, "unmeasured values stay empty, not zero");
        Assert.That(run.Summary.TaskSchema, Is.Not.Null);
        Assert.That(run.Summary.Schema.Class("WRONG_SIDE")!.Definition, Is.EqualTo(FakeRobotEnv.ReachSchema.Class("WRONG_SIDE")!.Definition));
        Assert.That(run.Summary.Complete, Is.True);
    }

    [Test]
    public void A_run_abandoned_before_its_first_episode_leaves_nothing_behind()
    {
        using var dir = new TempDir();
        var w = RunDirectoryWriter.Create(dir["r"], new RunSummary { Scene = "fake", Policy = "p" }, FakeRobotEnv.ReachSchema);
        Assert.That(File.Exists(dir["r/run.json"]), Is.True);
        Assert.That(w.Abandon(), Is.True);
        Assert.That(Directory.Exists(dir["r"]), Is.False);

        using var kept = RunDirectoryWriter.Create(dir["k"], new RunSummary { Scene = "fake", Policy = "p" }, FakeRobotEnv.ReachSchema);
        kept.Add(Rows[0], []);
        Assert.That(kept.Abandon(), Is.False, "a measured episode is never thrown away");
        Assert.That(File.Exists(dir["k/run.json"]), Is.True);
    }
}
