using System.Diagnostics;
using Harness.Cli.Composition;
using Harness.Eval.Runs;
using Harness.Policies.Remote.Server;
using Harness.Sim.Experts;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Soak;

/// <summary>
/// Long soak and scale runs, opt-in with HARNESS_SOAK=1 (skipped otherwise, so CI stays fast).
/// Bounded in count and time; every server binds loopback.
/// </summary>
[NonParallelizable]
public class SoakTests
{
    [SetUp]
    public void OptIn()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_SOAK") != "1")
            Assert.Ignore("soak test: run with HARNESS_SOAK=1 ./scripts/test.sh --filter FullyQualifiedName~Soak");
    }

    [Test]
    public void Scripted_expert_over_1000_seeds_is_reliable_and_worker_count_never_changes_results()
    {
        using var dir = new TempDir("soak");
        var clock = Stopwatch.StartNew();
        var one = EvalJob.Run(new EvalRequest("so101-pick-place", "scripted", 1000, 0, dir["w1"], 1));
        var two = EvalJob.Run(new EvalRequest("so101-pick-place", "scripted", 1000, 0, dir["w2"], 2));
        TestContext.Out.WriteLine($"1000 episodes x 2 in {clock.Elapsed.TotalSeconds:0} s; success {one.SuccessRate:P1}; " +
                                  string.Join(", ", one.Outcomes.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.That(one.SuccessRate, Is.GreaterThanOrEqualTo(0.99));
        Assert.That(one.Outcomes["ERROR"], Is.Zero);
        Assert.That(EpisodeCsvText.WithoutTiming(dir["w2/episodes.csv"]), Is.EqualTo(EpisodeCsvText.WithoutTiming(dir["w1/episodes.csv"])));
    }

    [Test]
    public async Task One_server_serves_four_concurrent_evaluations_identically_to_local_runs()
    {
        using var dir = new TempDir("soak");
        var scene = SceneEntry.Resolve("so101-pick-place");
        await using var server = new PolicyServer(() => scene.Definition.CreateExpert(), new PolicyServerOptions { Port = 0 });
        server.Start();
        EvalJob.Run(new EvalRequest(scene.Name, "scripted", 25, 7, dir["local"], 1));
        var runs = Enumerable.Range(0, 4).Select(k => Task.Run(() =>
            EvalJob.Run(new EvalRequest(scene.Name, $"openpi:{server.Endpoint}", 25, 7, dir[$"remote{k}"], 2)))).ToArray();
        var summaries = await Task.WhenAll(runs);
        foreach (var s in summaries) Assert.That(s.Complete, Is.True);
        string[] Cut(string p) => File.ReadAllLines(p).Select(l => string.Join(",", l.Split(',')[..5])).ToArray();
        for (int k = 0; k < 4; k++)
            Assert.That(Cut(dir[$"remote{k}/episodes.csv"]), Is.EqualTo(Cut(dir["local/episodes.csv"])), $"remote run {k}");
    }
}
