using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Core.Tasks;

namespace Harness.Learning;

/// <summary>
/// An environment wrapper that adds Gaussian noise to every action before it reaches the robot
/// (DART-style demonstration collection: the teacher's clean commands stay the labels, while the
/// visited states include the small deviations a learned policy will make).
/// </summary>
public sealed class ActionNoiseEnv(IRobotEnv inner, double[] sigma, ulong seed) : IRobotEnv
{
    private SeededRandom _rng = new(seed);

    public RobotSpec Spec => inner.Spec;
    public string TaskText => inner.TaskText;
    public Harness.Core.Tasks.TaskSchema Schema => inner.Schema;

    public Observation Reset(int seed)
    {
        _rng = new SeededRandom(((ulong)(uint)seed << 1) ^ 0x5DEECE66DUL);
        return inner.Reset(seed);
    }

    public StepResult Step(IReadOnlyList<double> action)
    {
        var noisy = new double[action.Count];
        for (int i = 0; i < noisy.Length; i++) noisy[i] = action[i] + (i < sigma.Length ? sigma[i] * _rng.Gaussian() : 0);
        return inner.Step(noisy);
    }

    public TaskOutcome Conclude(EpisodeEnd end) => inner.Conclude(end);
    public void RequestCameras(IReadOnlyCollection<string> cameras) => inner.RequestCameras(cameras);
    public void Dispose() { }
}
