using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Tests.Support;

/// <summary>
/// Policies for <see cref="FakeRobotEnv"/>: <see cref="FakeReachPolicy"/> commands the target
/// (times a factor, so a factor of -1 reaches for the wrong side), counting calls and the task
/// texts it was given; episodes listed in <paramref name="unreachableIn"/> throw
/// <see cref="PolicyUnreachableException"/> as a dead policy server would (episodes are counted by
/// this policy's own resets, so use one worker when that matters).
/// </summary>
public sealed class FakeReachPolicy(int chunkLength = 5, double factor = 1, IReadOnlySet<int>? unreachableIn = null) : IPolicy
{
    private int _episode = -1;
    public int Calls { get; private set; }
    public List<string> Tasks { get; } = [];
    public string Name => $"test:reach*{factor}";
    public PolicyInputs Inputs => new([FeatureNames.State, FeatureNames.EnvironmentState]);
    public ExecutionHint Hint => ExecutionHint.Default;

    public void Reset() => _episode++;

    public ActionChunk Infer(Observation observation, string task)
    {
        Calls++;
        Tasks.Add(task);
        if (unreachableIn?.Contains(_episode) == true)
            throw new PolicyUnreachableException($"ws://127.0.0.1:9 refused the connection (episode {_episode})");
        double target = observation.Vector(FeatureNames.EnvironmentState)[0] * factor;
        return new ActionChunk(Enumerable.Range(0, chunkLength).Select(_ => new[] { target, 20.0 }).ToArray());
    }

    public void Dispose() { }
}
