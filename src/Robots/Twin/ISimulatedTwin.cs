using Harness.Core.Robots;

namespace Harness.Robots.Twin;

/// <summary>
/// A real robot's simulated twin, as the real robot's driver needs it (implemented over MuJoCo
/// outside this assembly, so a robot PC can run without it): observations of the twin's own
/// seeded reset states, used as pre-flight probes that move nothing.
/// </summary>
public interface ISimulatedTwin
{
    /// <summary>
    /// The twin reset to <paramref name="seed"/>, then <paramref name="holdSteps"/> steps holding
    /// that pose: 1 + holdSteps observations, with the requested camera images.
    /// </summary>
    IReadOnlyList<Observation> Probe(int seed, int holdSteps, IReadOnlyCollection<string> cameras);
}
