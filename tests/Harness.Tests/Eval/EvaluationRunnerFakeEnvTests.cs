using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Eval.Evaluation;
using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.Eval;

/// <summary>Evaluation runs on <see cref="FakeRobotEnv"/>: parallel workers, early stops and observers without MuJoCo.</summary>
public class EvaluationRunnerFakeEnvTests
{
    private static RunDirectoryWriter Writer(string dir, IReadOnlyList<string>? extra = null) =>
        RunDirectoryWriter.Create(dir, new RunSummary { Scene = "fake", Policy = "test:reach" }, FakeRobotEnv.ReachSchema, extra);

    private static EvaluationRunner Runner(Func<IPolicy> policy, IReadOnlyList<IEpisodeObserver>? observers = null) =>
        new(_ => new WorkerSetup(new FakeRobotEnv(), policy(), observers ?? []));

    [Test]
    public void The_number_of_workers_never_changes_the_episodes()
    {
        using var dir = new TempDir();
        // 0.9 of the target: success only where the target is within 20 deg of zero, so outcomes vary by seed.
        using (var w = Writer(dir["one"])) Runner(() => new FakeReachPolicy(factor: 0.9)).Run(new EvaluationPlan(16, 3, Workers: 1), w);
        using (var w = Writer(dir["three"])) Runner(() => new FakeReachPolicy(factor: 0.9)).Run(new EvaluationPlan(16, 3, Workers: 3), w);
        var one = EpisodeCsvText.WithoutTiming(dir["one/episodes.csv"]);
        Assert.That(EpisodeCsvText.WithoutTiming(dir["three/episodes.csv"]), Is.EqualTo(one));
        var outcomes = RunDirectoryReader.Read(dir["one"]).Episodes.Select(e => e.Outcome).Distinct().ToList();
        Assert.That(outcomes, Has.Count.GreaterThan(1), "the fixture must produce more than one outcome class");
    }

    [Test]
    public void Three_unreachable_episodes_in_a_row_stop_the_run_early_and_say_why()
    {
        using var dir = new TempDir();
        RunSummary s;
        using (var w = Writer(dir["r"])) s = Runner(() => new FakeReachPolicy(unreachableIn: new HashSet<int> { 2, 3, 4 })).Run(new EvaluationPlan(10, 0), w);
        Assert.That(s.Complete, Is.False);
        Assert.That(s.Episodes, Is.EqualTo(5), "episodes 0-4 ran; 5-9 never started");
        Assert.That(s.Outcomes["ERROR"], Is.EqualTo(3));
        Assert.That(s.Stopped, Does.Contain("3 episodes in a row").And.Contain("refused the connection").And.Contain("run the same command again"));
        Assert.That(RunDirectoryReader.ReadSummary(dir["r"]).Stopped, Is.EqualTo(s.Stopped), "the reason is in run.json");
    }

    [Test]
    public void Unreachable_episodes_that_are_not_consecutive_do_not_stop_the_run()
    {
        using var dir = new TempDir();
        RunSummary s;
        using (var w = Writer(dir["r"])) s = Runner(() => new FakeReachPolicy(unreachableIn: new HashSet<int> { 1, 2, 4, 5, 7, 8 })).Run(new EvaluationPlan(10, 0), w);
        Assert.That((s.Complete, s.Stopped, s.Episodes, s.Outcomes["ERROR"]), Is.EqualTo((true, (string?)null, 10, 6)));
    }

    [Test]
    public void A_cancelled_run_keeps_every_finished_episode_and_stays_incomplete()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        using (var w = Writer(dir["r"]))
        {
            var runner = Runner(() => new FakeReachPolicy());
            int seen = 0;
            runner.EpisodeFinished += _ => { if (++seen == 4) cts.Cancel(); };
            Assert.Catch<OperationCanceledException>(() => runner.Run(new EvaluationPlan(50, 0), w, cts.Token));
        }
        var s = RunDirectoryReader.ReadSummary(dir["r"]);
        Assert.That((s.Complete, s.Episodes), Is.EqualTo((false, 4)));
        Assert.That(File.ReadAllLines(dir["r/episodes.csv"]), Has.Length.EqualTo(5));
    }

    /// <summary>Counts the steps it saw; hands the count over as an episodes.csv column.</summary>
    private sealed class StepCounter : IEpisodeMetricsObserver
    {
        private int _steps;
        public IReadOnlyList<string> Columns => ["test_steps_seen"];
        public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first) => _steps = 0;
        public void OnStep(IRobotEnv env, StepRecord step, Observation next) => _steps++;
        public IReadOnlyDictionary<string, double?> TakeMetrics() => new Dictionary<string, double?> { ["test_steps_seen"] = _steps };
    }

    [Test]
    public void Metrics_observers_add_their_columns_to_every_episode()
    {
        using var dir = new TempDir();
        using (var w = Writer(dir["r"], ["test_steps_seen"]))
            new EvaluationRunner(_ => new WorkerSetup(new FakeRobotEnv(), new FakeReachPolicy(), [new StepCounter()])).Run(new EvaluationPlan(5, 1), w);
        var rows = RunDirectoryReader.Read(dir["r"]).Episodes;
        Assert.That(rows.Select(r => r.Extra["test_steps_seen"]), Is.EqualTo(rows.Select(r => (double?)r.Steps)));
    }
}
