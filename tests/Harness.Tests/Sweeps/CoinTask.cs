using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Eval.Evaluation;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps;

namespace Harness.Tests.Sweeps;

/// <summary>
/// A synthetic task with known success rates: each episode seed draws a difficulty u in [0, 1); a
/// checkpoint with rate p succeeds exactly when u &lt; p. Checkpoints on the same seeds are therefore
/// strongly paired, as on a real scene (an easy initial state is easy for every checkpoint).
/// </summary>
public sealed class CoinEnv : IRobotEnv
{
    public static readonly TaskSchema TaskSchema = new("coin", "succeeds when the episode's difficulty is below the checkpoint's rate",
        [OutcomeClass.Success("u < p"), new("FAILED", "u >= p", 1)], []);

    private double _action;

    public RobotSpec Spec { get; } = new("coin", [new JointSpec("x.pos", Units.Fraction, 0, 1)], [], 30, 1,
        [new FeatureSpec(FeatureNames.State, FeatureDType.Float32, [1])]);
    public TaskSchema Schema => TaskSchema;
    public string TaskText => "be lucky";

    public static double Difficulty(int seed) => new SeededRandom((ulong)(uint)seed * 0x9E3779B97F4A7C15UL).NextDouble();

    public Observation Reset(int seed) => new(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = [Difficulty(seed)] }, new Dictionary<string, CameraImage>());

    public StepResult Step(IReadOnlyList<double> action)
    {
        _action = action[0];
        return new StepResult(new Observation(1, 1 / 30.0, new Dictionary<string, double[]> { [FeatureNames.State] = [0] }, new Dictionary<string, CameraImage>()),
            [_action], TaskDone: true);
    }

    public TaskOutcome Conclude(EpisodeEnd end) => new(_action >= 0.5 ? OutcomeClass.SuccessLabel : "FAILED", new Dictionary<string, double>());
    public void RequestCameras(IReadOnlyCollection<string> cameras) { }
    public void Dispose() { }
}

/// <summary>Succeeds exactly when the observed difficulty is below its rate.</summary>
public sealed class RatePolicy(double rate) : IPolicy
{
    public string Name => $"coin:{rate}";
    public PolicyInputs Inputs => PolicyInputs.StateOnly;
    public ExecutionHint Hint => ExecutionHint.Default;
    public void Reset() { }
    public ActionChunk Infer(Observation observation, string task) => new([[observation.State[0] < rate ? 1.0 : 0.0]]);
    public void Dispose() { }
}

/// <summary>Runs sweep checkpoints named "coin:RATE" on <see cref="CoinEnv"/> through the real run machinery.</summary>
public sealed class CoinRunner(int seed) : ICheckpointRunner
{
    public int EpisodesRun;

    public static SweepCheckpoint Checkpoint(string name, double rate) => new(name, $"coin:{rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public RunSummary Run(CheckpointRun run, CancellationToken cancel)
    {
        double rate = double.Parse(run.Checkpoint.Spec["coin:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var header = new RunSummary
        {
            Scene = "coin", Task = "be lucky", Policy = run.Checkpoint.Spec, Seed = seed,
            Checkpoint = new CheckpointIdentity(CheckpointIdentity.BuiltIn, run.Checkpoint.Spec),
        };
        return EvaluationSession.Run(new RunTarget(run.RunDir, Resume: true, Only: run.Only), header, CoinEnv.TaskSchema,
            new EvaluationPlan(run.Episodes, seed, Only: run.Only),
            _ => new WorkerSetup(new CoinEnv(), new RatePolicy(rate), []),
            e => { Interlocked.Increment(ref EpisodesRun); run.OnEpisode?.Invoke(e); }, run.Started, cancel);
    }

    public static SweepManifest Manifest(int seed, int episodes, params SweepCheckpoint[] checkpoints) => new()
    {
        Scene = new SceneIdentity("coin", "1", "0000"),
        Seed = seed,
        Episodes = episodes,
        Checkpoints = checkpoints,
    };
}
