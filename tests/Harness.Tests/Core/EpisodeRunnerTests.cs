using Harness.Core.Episodes;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Core;

public class EpisodeRunnerTests
{
    private static MujocoEnv Env(int? maxSteps = 30) =>
        new(SceneCatalog.Get("so101-pick-place"), new MujocoEnvOptions(MaxEpisodeSteps: maxSteps));

    [Test]
    public void Resets_the_policy_before_every_episode()
    {
        using var env = Env();
        var policy = new HoldPolicy();
        var runner = new EpisodeRunner(env, policy);
        for (int e = 0; e < 3; e++) runner.Run(e, e);
        Assert.That(policy.Resets, Is.EqualTo(3));
    }

    [TestCase(null, 5, 6)]   // whole chunk: 30 steps / 5 = 6 queries
    [TestCase(2, 5, 15)]     // 2 actions per query
    [TestCase(1, 5, 30)]
    public void Executes_n_actions_per_chunk_then_requeries(int? perQuery, int chunk, int expectedCalls)
    {
        using var env = Env();
        var policy = new HoldPolicy(chunk);
        var rec = new EpisodeRunner(env, policy, new ChunkExecution(perQuery)).Run(0, 1);
        Assert.That(rec.StepCount, Is.EqualTo(30));
        Assert.That(rec.PolicyCalls, Is.EqualTo(expectedCalls));
        // Every step names the chunk in force and the row of it that was executed.
        foreach (var s in rec.Steps)
        {
            var c = rec.Chunks[s.ChunkIndex];
            Assert.That(s.Step, Is.EqualTo(c.PredictedAtStep + s.ChunkRow));
            Assert.That(s.CommandedAction, Is.EqualTo(c.Chunk[s.ChunkRow]));
        }
    }

    [Test]
    public void Actions_are_applied_as_float32_so_a_recorded_episode_replays_exactly()
    {
        using var env = Env();
        var policy = new HoldPolicy(5);
        var rec = new EpisodeRunner(env, policy).Run(0, 1);
        foreach (var s in rec.Steps)
            foreach (var v in s.CommandedAction)
                Assert.That(v, Is.EqualTo((double)(float)v), "every commanded value is exactly representable in float32");
        // HoldPolicy returns the state it saw; states are not float32, so rounding did happen.
        Assert.That(rec.Steps.SelectMany(s => s.State).Any(v => v != (double)(float)v), Is.True);
    }

    [Test]
    public void Records_the_state_each_chunk_was_predicted_from()
    {
        using var env = Env();
        var rec = new EpisodeRunner(env, new HoldPolicy()).Run(0, 3);
        Assert.That(rec.Chunks.All(c => c.State is not null), Is.True);
        // Restoring the snapshot of chunk 2 reproduces the observation it was predicted from.
        var chunk = rec.Chunks[2];
        env.Restore(chunk.State!);
        var state = new double[6];
        env.Parts.Joints.ReadState(env.Data, state);
        Assert.That(state, Is.EqualTo(rec.Steps[chunk.PredictedAtStep].State).Within(1e-12));
    }

    [Test]
    public void A_policy_exception_marks_the_episode_error_with_its_message()
    {
        using var env = Env();
        var rec = new EpisodeRunner(env, new HoldPolicy(throwAtCall: 3)).Run(0, 0);
        Assert.That(rec.Outcome.Label, Is.EqualTo("ERROR"));
        Assert.That(rec.Error, Does.Contain("boom from the test policy").And.Contain("test:hold"));
        Assert.That(rec.StepCount, Is.EqualTo(10), "two chunks of 5 were executed before the fault");
    }

    [Test]
    public void Wrong_action_dimension_is_an_error_naming_both_sizes()
    {
        using var env = Env();
        var rec = new EpisodeRunner(env, new HoldPolicy(actionDim: 7)).Run(0, 0);
        Assert.That(rec.Outcome.Label, Is.EqualTo("ERROR"));
        Assert.That(rec.Error, Does.Contain("dimension 7").And.Contain("expects 6"));
    }

    [Test]
    public void Temporal_ensembling_queries_every_step_and_averages_overlaps()
    {
        using var env = Env(10);
        var policy = new HoldPolicy(4);
        var rec = new EpisodeRunner(env, policy, new ChunkExecution(TemporalEnsembleCoeff: 0.5)).Run(0, 0);
        Assert.That(rec.PolicyCalls, Is.EqualTo(10));
        // Step 2 is covered by chunks from steps 0, 1, 2 (rows 2, 1, 0), weights exp(-0.5 i), oldest first.
        double[] w = [1, Math.Exp(-0.5), Math.Exp(-1.0)];
        for (int j = 0; j < 6; j++)
        {
            double expected = (w[0] * rec.Chunks[0].Chunk[2][j] + w[1] * rec.Chunks[1].Chunk[1][j] + w[2] * rec.Chunks[2].Chunk[0][j]) / w.Sum();
            Assert.That(rec.Steps[2].CommandedAction[j], Is.EqualTo((double)(float)expected), "the weighted average, applied as float32");
        }
    }

    [Test]
    public void Applied_actions_are_clamped_to_joint_limits()
    {
        using var env = Env(3);
        var spec = env.Spec;
        env.Reset(0);
        var r = env.Step([500, -500, 0, 0, 0, 150]);
        Assert.That(r.AppliedAction[0], Is.EqualTo(spec.Joints[0].Max));
        Assert.That(r.AppliedAction[1], Is.EqualTo(spec.Joints[1].Min));
        Assert.That(r.AppliedAction[5], Is.EqualTo(100));
    }
}
