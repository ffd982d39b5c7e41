using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Eval.Evaluation;

/// <summary>
/// What one worker needs: its own environment, policy and observers (nothing is shared between
/// workers, so results never depend on the number of workers).
/// </summary>
public sealed record WorkerSetup(IRobotEnv Env, IPolicy Policy, IReadOnlyList<IEpisodeObserver> Observers) : IDisposable
{
    public void Dispose()
    {
        foreach (var o in Observers) (o as IDisposable)?.Dispose();
        Policy.Dispose();
        Env.Dispose();
    }
}
