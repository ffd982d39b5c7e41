using Harness.Sim.Scenes;
using Harness.Cli.Composition;
using Harness.Core.Episodes;
using Harness.Core.Tasks;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Whiskers;
using NUnit.Framework;

namespace Harness.Tests.Whiskers;

public class WhiskerSimulatorTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void Whiskers_do_not_change_the_episode(bool reuse)
    {
        var (plain, _) = WhiskerFixture.Run(seed: 3, whiskers: false);
        var (seen, w) = WhiskerFixture.Run(seed: 3, whiskers: true, options: new WhiskerOptions(RecordSnapshots: true, ReuseExecutedRows: reuse));
        Assert.That(seen.StepCount, Is.EqualTo(plain.StepCount));
        Assert.That(seen.Outcome.Label, Is.EqualTo(plain.Outcome.Label));
        Assert.That(seen.Outcome.Metrics, Is.EquivalentTo(plain.Outcome.Metrics));
        for (int i = 0; i < plain.StepCount; i++)
        {
            Assert.That(seen.Steps[i].State, Is.EqualTo(plain.Steps[i].State), $"state at step {i}");
            Assert.That(seen.Steps[i].AppliedAction, Is.EqualTo(plain.Steps[i].AppliedAction), $"action at step {i}");
        }
        Assert.That(w!.Trace.Steps, Is.EqualTo(plain.StepCount));
        Assert.That(w.Snapshots, Has.Count.EqualTo(plain.StepCount + 1));
    }

    [Test]
    public void A_fully_executed_chunk_follows_its_prediction_exactly()
    {
        // The simulator is deterministic and the forward simulation uses the env's own control
        // path from a bit-exact copy of the state, so executing the whole chunk open-loop IS the
        // prediction: their difference is exactly zero, not merely small, which is why simulated
        // whiskers report no prediction error. (Every chunk is simulated in full at query time here;
        // this equality is what lets the default mode reuse rows.)
        var (record, w) = WhiskerFixture.Run(seed: 5, whiskers: true, options: new WhiskerOptions(ReuseExecutedRows: false));
        Assert.That(record.Outcome.Label, Is.EqualTo("SUCCESS"), "the scripted expert should solve seed 5");
        var full = w!.Trace.Queries.Where(q => q.ExecutedRows == q.Horizon).ToArray();
        Assert.That(full, Has.Length.GreaterThan(5));
        foreach (var q in full)
            Assert.That(q.Actual, Is.EqualTo(q.Predicted), $"query {q.Index} at step {q.Step}");
        var summary = w.Trace.Summary();
        Assert.That(summary.Consistency.N, Is.EqualTo(0), "whole chunks executed: consecutive predictions never overlap in time");
        Assert.That(summary.JumpShareOfRange.N, Is.EqualTo(record.PolicyCalls - 1), "yet every chunk boundary has an action jump");
    }

    [Test]
    public void A_chunk_replayed_from_its_captured_state_reproduces_the_executed_path()
    {
        WhiskerTrace? trace = null;
        var replayed = new List<(int Index, List<Point3> Path)>();
        WhiskerFixture.Run(seed: 5, whiskers: true, inspect: (env, record, w) =>
        {
            trace = w!.Trace;
            using var scratch = new MjData(env.Model);
            int site = env.Model.RequireId(MjObject.Site, "tcp");
            foreach (var chunk in record.Chunks.Where(c => c.Index % 4 == 1))
            {
                PhysicsState.Restore(scratch, chunk.State!);
                var path = new List<Point3>();
                env.SimulateOpenLoop(scratch, chunk.Chunk.Actions, (_, d) => path.Add(Point3.From(d.SitePos(site))));
                replayed.Add((chunk.Index, path));
            }
        });
        Assert.That(replayed, Is.Not.Empty);
        foreach (var (index, path) in replayed)
        {
            var q = trace!.Queries[index];
            Assert.That(path.Take(q.ExecutedRows), Is.EqualTo(q.Actual), $"chunk {index}");
        }
    }

    [Test]
    public void Re_querying_mid_chunk_gives_consistency_and_the_executed_rows_still_equal_the_prediction()
    {
        var (record, w) = WhiskerFixture.Run(seed: 2, whiskers: true, execution: new ChunkExecution(ActionsPerQuery: 4),
            options: new WhiskerOptions(ReuseExecutedRows: false));
        var t = w!.Trace;
        Assert.That(t.Queries.Where(q => q.Step < record.StepCount - 4).Select(q => q.ExecutedRows), Is.All.EqualTo(4));
        var metrics = WhiskerMetrics.Evaluate(t.Queries);
        Assert.That(metrics.Skip(1).Select(m => m.ConsistencyM), Is.All.Not.Null);
        // The executed rows are exactly the first rows of the prediction: --actions-per-query changes nothing there.
        foreach (var q in t.Queries) Assert.That(q.Actual, Is.EqualTo(q.Predicted.Take(q.ExecutedRows)), $"query {q.Index}");
        Assert.That(metrics.Max(m => m.ConsistencyM ?? 0), Is.GreaterThan(0), "the expert re-plans from a new state each time");
    }

    private static readonly object[] Executions =
    [
        new object[] { "whole chunks", null! },
        new object[] { "4 rows per query", new ChunkExecution(ActionsPerQuery: 4) },
        new object[] { "temporal ensembling", new ChunkExecution(TemporalEnsembleCoeff: 0.1) },
    ];

    [TestCaseSource(nameof(Executions))]
    public void Reusing_executed_rows_gives_exactly_the_full_forward_simulation(string mode, ChunkExecution? execution)
    {
        var (_, eager) = WhiskerFixture.Run(seed: 6, whiskers: true, execution: execution, options: new WhiskerOptions(ReuseExecutedRows: false));
        var (_, reuse) = WhiskerFixture.Run(seed: 6, whiskers: true, execution: execution);
        var a = eager!.Trace.Queries;
        var b = reuse!.Trace.Queries;
        Assert.That(b, Has.Count.EqualTo(a.Count));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.That(b[i].Predicted, Is.EqualTo(a[i].Predicted), $"{mode}: query {i} at step {a[i].Step}");
            Assert.That(b[i].Actual, Is.EqualTo(a[i].Actual));
        }
    }

    [TestCaseSource(nameof(Executions))]
    public void The_action_jump_starts_from_what_was_actually_commanded_last(string mode, ChunkExecution? execution)
    {
        var (record, w) = WhiskerFixture.Run(seed: 6, whiskers: true, execution: execution);
        var metrics = WhiskerMetrics.Evaluate(w!.Trace.Queries);
        Assert.That(metrics[0].ActionJump, Is.Null);
        for (int i = 1; i < record.Chunks.Count; i++)
        {
            // The last step at which chunk i-1 was in force, as the episode recorded it.
            var last = record.Steps.Last(s => s.ChunkIndex == i - 1).CommandedAction;
            var first = record.Chunks[i].Chunk[0];
            Assert.That(metrics[i].ActionJump, Is.EqualTo(first.Zip(last, (a, b) => Math.Abs(a - b)).ToArray()), $"{mode}: boundary before chunk {i}");
        }
        Assert.That(w.Trace.JointSpecs.Select(j => j.Unit), Is.EqualTo(new[] { "deg", "deg", "deg", "deg", "deg", "0-100" }));
    }

    [Test]
    public void The_experts_first_whisker_points_at_the_block()
    {
        // Every episode starts from the same home pose; take a seed whose block lies at least 8 cm from the tool
        // there, seen from above (the official arm's home pose holds the jaws low over the front of the layout).
        var home = WhiskerFixture.Run(7, whiskers: true).Whiskers!.Trace.Queries[0].Start;
        int seed = Enumerable.Range(1, 50).First(s => { var (bx, by) = BlockStart(s); return Planar(home, bx, by) > 0.08; });
        var (_, w) = WhiskerFixture.Run(seed, whiskers: true);
        var (x, y) = BlockStart(seed);
        var first = w!.Trace.Queries[0];
        // The first chunk lifts to the hover height (away in 3-D) while it heads for the block in the plane.
        Assert.That(Planar(first.Predicted[^1], x, y), Is.LessThan(Planar(first.Start, x, y) - 0.01));
    }

    [Test]
    public void Tool_path_and_moments_are_recorded()
    {
        var (record, w) = WhiskerFixture.Run(seed: 5, whiskers: true);
        var t = w!.Trace;
        Assert.That(t.ToolPath, Has.Count.EqualTo(record.StepCount + 1));
        Assert.That(t.Queries, Has.Count.EqualTo(record.PolicyCalls));
        var names = t.Moments.Select(m => m.Name).ToArray();
        Assert.That(names, Is.EqualTo(new[] { WhiskerMoment.FirstQuery, WhiskerMoment.Grasp, WhiskerMoment.Release, WhiskerMoment.End }));
        int grasp = t.Moment(WhiskerMoment.Grasp)!.Step, release = t.Moment(WhiskerMoment.Release)!.Step;
        Assert.That(grasp, Is.InRange(20, release - 20));
        Assert.That(t.Moment(WhiskerMoment.End)!.Step, Is.EqualTo(record.StepCount));
        // At the grasp the tool is near the block's start, at the release near the bowl.
        var (bx, by) = BlockStart(5);
        Assert.That(Planar(t.ToolPath[grasp], bx, by), Is.LessThan(0.03));
        Assert.That(Planar(t.ToolPath[release], 0.14, 0.16), Is.LessThan(0.05), "the bowl stands at (0.14, 0.16)");
    }

    private static double Planar(Point3 p, double x, double y) => Math.Sqrt((p.X - x) * (p.X - x) + (p.Y - y) * (p.Y - y));

    [Test]
    public void A_miss_has_no_grasp_moment_and_says_so()
    {
        var (_, w) = WhiskerFixture.Run(seed: 5, whiskers: true, policy: "scripted:miss-grasp");
        Assert.That(w!.Trace.Moment(WhiskerMoment.Grasp), Is.Null);
        Assert.That(w.Trace.Notes, Has.Some.Contains("no grasp happened"));
    }

    [Test]
    public void Samples_from_a_deterministic_policy_are_refused_with_a_reason()
    {
        var scene = SceneEntry.Resolve(WhiskerFixture.Scene);
        using var policy = PolicyCatalog.Create("scripted", scene);
        var ex = Assert.Throws<DeterministicPolicyException>(() => new WhiskerSimulator(new WhiskerOptions(Samples: 4), policy));
        Assert.That(ex!.Message, Does.Contain("deterministic").And.Contain("--samples 4").And.Contain("scripted"));
    }

    // Where the scene's layout puts the block for an episode seed.
    private static (double X, double Y) BlockStart(int seed)
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        using var model = Harness.Sim.Native.MjModel.LoadXml(scene.MjcfPath);
        var (x, y, _, _) = scene.Bind(model).Layout.Draw(seed)[0];
        return (x, y);
    }
}

public class WhiskerSamplingTests
{
    [Test]
    public void Samples_of_a_stochastic_policy_give_a_spread_without_changing_the_episode()
    {
        NoisyExpertPolicy? noisy = null;
        var (plain, _) = WhiskerFixture.Run(seed: 4, whiskers: false, wrap: p => new NoisyExpertPolicy(p, 3));
        var (seen, w) = WhiskerFixture.Run(seed: 4, whiskers: true, options: new WhiskerOptions(Samples: 5),
            wrap: p => noisy = new NoisyExpertPolicy(p, 3));
        Assert.That(seen.Steps.Select(s => s.AppliedAction), Is.EqualTo(plain.Steps.Select(s => s.AppliedAction)));
        Assert.That(noisy!.Samples, Is.EqualTo(5 * seen.PolicyCalls));
        var t = w!.Trace;
        Assert.That(t.Queries.Select(q => q.Samples.Count), Is.All.EqualTo(5));
        var spread = t.Summary().SampleSpread;
        Assert.That(spread.N, Is.EqualTo(t.Queries.Count));
        // 3 degrees of joint noise moves a ~0.3 m arm's tool by millimetres to centimetres.
        Assert.That(spread.Mean, Is.InRange(0.0005, 0.05));
        Assert.That(t.Notes, Has.Some.Contains("5 chunks sampled"));
    }
}
