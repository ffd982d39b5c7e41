using Harness.Core.Randomness;
using Harness.Core.Robots;

namespace Harness.Core.Policies;

/// <summary>
/// What pre-flight checks a policy against: the robot, the task text the episodes will send, and
/// real observations from the environment — its own seeded <see cref="IRobotEnv.Reset"/> states
/// (the first episodes of the run) and a few steps after each (holding the measured position).
/// A policy is probed with what it will see, not only with mid-range joints and training means.
/// </summary>
public sealed record PreflightContext(
    RobotSpec Spec,
    string TaskText,
    IReadOnlyList<Observation> ResetObservations,
    IReadOnlyList<Observation> StepObservations)
{
    /// <summary>Episodes whose reset states are probed, and steps held after each.</summary>
    public const int ProbeEpisodes = 3, ProbeSteps = 5;

    /// <summary>No environment at hand (e.g. a unit test): checks that need observations are skipped.</summary>
    public static PreflightContext SpecOnly(RobotSpec spec, string taskText = "") => new(spec, taskText, [], []);

    public bool HasObservations => ResetObservations.Count > 0;

    /// <summary>
    /// Resets <paramref name="env"/> to the first <see cref="ProbeEpisodes"/> episode seeds of the run
    /// and holds each reset position for <see cref="ProbeSteps"/> steps. Request the policy's cameras
    /// first: the observations carry the images it will get. Episodes reset again before they start,
    /// so probing changes no result. An environment that must not move for probing
    /// (<see cref="IPreflightProbeSource"/>, a real robot) supplies its own probes instead.
    /// </summary>
    public static PreflightContext Collect(IRobotEnv env, int runSeed, string taskText)
    {
        if (env is IPreflightProbeSource source) return source.Probe(runSeed, taskText);
        var resets = new List<Observation>();
        var steps = new List<Observation>();
        for (int e = 0; e < ProbeEpisodes; e++)
        {
            var obs = env.Reset(EpisodeSeeds.For(runSeed, e));
            resets.Add(obs);
            var hold = obs.State;
            for (int s = 0; s < ProbeSteps; s++) steps.Add(env.Step(hold).Observation);
        }
        return new PreflightContext(env.Spec, taskText, resets, steps);
    }
}
