using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;

namespace Harness.Robots.Twin;

/// <summary>
/// Pre-flight probes for a real robot that move nothing: the robot's measured observation now, then,
/// with a simulated twin, the twin's reset states for the first episode seeds of the run and a few
/// steps holding each, reduced to the real robot's features (no privileged state, only its cameras).
/// </summary>
public static class TwinProbes
{
    public static PreflightContext Probe(RobotSpec spec, Observation measured, ISimulatedTwin? twin, int runSeed, string taskText, IReadOnlyCollection<string> cameras)
    {
        var resets = new List<Observation> { measured };
        var steps = new List<Observation>();
        if (twin is not null)
            for (int e = 0; e < PreflightContext.ProbeEpisodes; e++)
            {
                var probe = twin.Probe(EpisodeSeeds.For(runSeed, e), PreflightContext.ProbeSteps, cameras).Select(o => RealFeaturesOnly(spec, o)).ToList();
                resets.Add(probe[0]);
                steps.AddRange(probe.Skip(1));
            }
        return new PreflightContext(spec, taskText, resets, steps);
    }

    /// <summary>A twin observation as the real robot would give it: its features only.</summary>
    public static Observation RealFeaturesOnly(RobotSpec spec, Observation o) => o with
    {
        Vectors = o.Vectors.Where(v => spec.Feature(v.Key) is not null).ToDictionary(),
        Images = o.Images.Where(i => spec.Feature(i.Key) is not null).ToDictionary(),
    };
}
