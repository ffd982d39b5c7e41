using Harness.Core.Episodes;
using Harness.Core.Tasks;
using Harness.Tests.Support;

namespace Harness.Tests.Core;

/// <summary>The episode loop against <see cref="FakeRobotEnv"/>: no MuJoCo, milliseconds per test (the MuJoCo versions are in EpisodeRunnerTests).</summary>
public class EpisodeRunnerFakeEnvTests
{
    [TestCase(null, 8)]   // 40 steps in whole chunks of 5
    [TestCase(2, 20)]
    [TestCase(3, 14)]     // 13 queries of 3 rows, then 1
    public void Executes_n_actions_of_each_chunk_then_requeries(int? perQuery, int expectedCalls)
    {
        using var env = new FakeRobotEnv(maxSteps: 40);
        var policy = new FakeReachPolicy(chunkLength: 5, factor: 0); // commands 0 deg: never reaches a target
        var rec = new EpisodeRunner(env, policy, new ChunkExecution(perQuery)).Run(0, 4);
        Assert.That(rec.StepCount, Is.EqualTo(40));
        Assert.That(rec.PolicyCalls, Is.EqualTo(expectedCalls));
        Assert.That(env.LastEnd, Is.EqualTo(new EpisodeEnd(40, ReachedStepLimit: true)));
        foreach (var s in rec.Steps)
            Assert.That(s.Step, Is.EqualTo(rec.Chunks[s.ChunkIndex].PredictedAtStep + s.ChunkRow));
    }

    [Test]
    public void An_episode_the_task_ends_early_is_not_reported_as_reaching_the_step_limit()
    {
        using var env = new FakeRobotEnv(maxSteps: 40);
        var rec = new EpisodeRunner(env, new FakeReachPolicy()).Run(0, 4);
        Assert.That(rec.Outcome.Label, Is.EqualTo("SUCCESS"));
        Assert.That(rec.StepCount, Is.LessThan(40));
        Assert.That(env.LastEnd, Is.EqualTo(new EpisodeEnd(rec.StepCount, ReachedStepLimit: false)));
    }

    [Test]
    public void Resets_the_policy_and_the_robot_before_every_episode()
    {
        using var env = new FakeRobotEnv(maxSteps: 6);
        var policy = new HoldPolicy(actionDim: 2);
        var runner = new EpisodeRunner(env, policy);
        for (int e = 0; e < 4; e++) runner.Run(e, e);
        Assert.That((policy.Resets, env.Resets), Is.EqualTo((4, 4)));
    }

    [Test]
    public void Commanded_actions_are_float32_and_applied_actions_are_clamped()
    {
        using var env = new FakeRobotEnv(maxSteps: 3);
        var rec = new EpisodeRunner(env, new ConstantPolicy([0.1, 250])).Run(0, 1);
        Assert.That(rec.Steps[0].CommandedAction, Is.EqualTo(new[] { (double)0.1f, 250.0 }), "0.1 is not a float32; 250 is");
        Assert.That(rec.Steps[0].AppliedAction, Is.EqualTo(new[] { (double)0.1f, 100.0 }), "the gripper is clamped to 0-100");
    }

    [Test]
    public void A_robot_fault_ends_the_episode_as_ERROR_keeping_the_metrics_measured_so_far()
    {
        using var env = new FakeRobotEnv(maxSteps: 40, failAtStep: 7);
        var rec = new EpisodeRunner(env, new FakeReachPolicy(factor: 0)).Run(0, 2);
        Assert.That(rec.Outcome.Label, Is.EqualTo(OutcomeClass.ErrorLabel));
        Assert.That(rec.Fault, Is.EqualTo(EpisodeFault.Environment));
        Assert.That(rec.StepCount, Is.EqualTo(7));
        Assert.That(rec.Error, Does.Contain("fake robot fault at step 7"));
        Assert.That(rec.Outcome.Metrics.Keys, Is.EquivalentTo(new[] { "final_error_deg", "moved" }));
    }

    [Test]
    public void A_fault_before_the_first_step_reports_no_metrics_at_all()
    {
        using var env = new FakeRobotEnv(maxSteps: 40, failAtStep: 0);
        var rec = new EpisodeRunner(env, new FakeReachPolicy()).Run(0, 2);
        Assert.That(rec.Outcome.Label, Is.EqualTo(OutcomeClass.ErrorLabel));
        Assert.That(rec.Outcome.Metrics, Is.Empty, "nothing was measured, so nothing (not a zero) is reported");
    }

    [Test]
    public void An_unreachable_policy_is_a_fault_of_its_own_kind()
    {
        using var env = new FakeRobotEnv();
        var rec = new EpisodeRunner(env, new FakeReachPolicy(unreachableIn: new HashSet<int> { 0 })).Run(0, 2);
        Assert.That(rec.Fault, Is.EqualTo(EpisodeFault.PolicyUnreachable));
        Assert.That(rec.Error, Does.Contain("refused the connection"));
        var other = new EpisodeRunner(env, new HoldPolicy(throwAtCall: 1, actionDim: 2)).Run(0, 2);
        Assert.That(other.Fault, Is.EqualTo(EpisodeFault.Policy));
    }

    [Test]
    public void The_prompt_replaces_the_robots_task_text()
    {
        using var env = new FakeRobotEnv(maxSteps: 10);
        var plain = new FakeReachPolicy(factor: 0);
        new EpisodeRunner(env, plain).Run(0, 1);
        var prompted = new FakeReachPolicy(factor: 0);
        new EpisodeRunner(env, prompted, prompt: "turn left").Run(0, 1);
        Assert.That(plain.Tasks.Distinct(), Is.EqualTo(new[] { "reach the target angle" }));
        Assert.That(prompted.Tasks.Distinct(), Is.EqualTo(new[] { "turn left" }));
    }

    [Test]
    public void Temporal_ensembling_averages_the_overlapping_rows_with_exponential_weights()
    {
        using var env = new FakeRobotEnv(maxSteps: 5);
        var rec = new EpisodeRunner(env, new HoldPolicy(chunkLength: 4, actionDim: 2), new ChunkExecution(TemporalEnsembleCoeff: 0.5)).Run(0, 0);
        Assert.That(rec.PolicyCalls, Is.EqualTo(5));
        // Step 2: rows 2, 1, 0 of the chunks from steps 0, 1, 2, weights 1, e^-0.5, e^-1 (oldest first).
        double[] w = [1, Math.Exp(-0.5), Math.Exp(-1.0)];
        for (int j = 0; j < 2; j++)
        {
            double expected = (w[0] * rec.Chunks[0].Chunk[2][j] + w[1] * rec.Chunks[1].Chunk[1][j] + w[2] * rec.Chunks[2].Chunk[0][j]) / w.Sum();
            Assert.That(rec.Steps[2].CommandedAction[j], Is.EqualTo((double)(float)expected));
        }
    }
}
