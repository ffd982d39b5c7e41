using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Robots.RealTime;

/// <summary>
/// A physical robot as the real evaluation loop drives it: an <see cref="IRobotEnv"/> whose steps
/// are paced on the monotonic clock (<see cref="Pacer"/>, read by <see cref="LoopTimingObserver"/>)
/// and whose pre-flight never moves it.
/// </summary>
public interface IRealRobotEnv : IRobotEnv, IPreflightProbeSource
{
    ControlPacer Pacer { get; }
}
