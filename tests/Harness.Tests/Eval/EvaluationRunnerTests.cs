using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Eval.Evaluation;
using Harness.Eval.Runs;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Reports;
using Harness.Tests.Support;

namespace Harness.Tests.Eval;

public class EvaluationRunnerTests
{
    /// <summary>Holds still, but throws in every call of one chosen episode.</summary>
    private sealed class FaultyInEpisode(int badEpisode) : IPolicy
    {
        private int _episode = -1;
        public string Name => "test:faulty";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() => _episode++;
        public ActionChunk Infer(Observation o, string task) => _episode == badEpisode
            ? throw new InvalidOperationException($"simulated fault in episode {badEpisode}")
            : new ActionChunk([o.State]);
        public void Dispose() { }
    }

    [Test]
    public void A_policy_fault_marks_one_episode_error_and_the_run_goes_on()
    {
        using var dir = new TempDir();
        var scene = SceneCatalog.Get("so101-pick-place");
        using var writer = RunDirectoryWriter.Create(dir["run"], new RunSummary { Scene = scene.Name, Policy = "test:faulty" }, scene.Schema);
        var runner = new EvaluationRunner(_ => new WorkerSetup(
            new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 20)), new FaultyInEpisode(1), []));
        var summary = runner.Run(new EvaluationPlan(3, 0), writer);

        Assert.That(summary.Complete, Is.True);
        Assert.That(summary.Episodes, Is.EqualTo(3));
        Assert.That(summary.Outcomes["ERROR"], Is.EqualTo(1));
        var rows = File.ReadAllLines(dir["run/episodes.csv"]).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows[1][2], Is.EqualTo("ERROR"));
        Assert.That(rows[1][^1], Does.Contain("simulated fault in episode 1"));
        Assert.That(rows[0][2], Is.EqualTo("NEVER_PICKED_UP"));
        Assert.That(rows[2][2], Is.EqualTo("NEVER_PICKED_UP"));
    }

    [Test]
    public void A_worker_that_cannot_be_built_aborts_with_its_message_and_leaves_the_run_incomplete()
    {
        using var dir = new TempDir();
        using var writer = RunDirectoryWriter.Create(dir["run"], new RunSummary { Scene = "x", Policy = "y" }, RunFixture.Schema);
        var runner = new EvaluationRunner(_ => throw new FileNotFoundException("policy package missing: model.onnx"));
        var ex = Assert.Throws<EvaluationAbortedException>(() => runner.Run(new EvaluationPlan(2, 0, 2), writer));
        Assert.That(ex!.Message, Does.Contain("model.onnx"));
        Assert.That(RunDirectoryReader.ReadSummary(dir["run"]).Complete, Is.False);
    }
}
