using System.Globalization;
using Harness.Core.Randomness;
using Harness.Core.Tasks;
using Harness.Robots.Operators;
using Harness.Robots.Virtual.Operator;

namespace Harness.Twin.Rig;

/// <summary>
/// The simulated world of a virtual rig, as its operator channel offers it. RESET lays out episode i
/// of the rig's own run seed: the seed asked for must be that episode's seed (so a rig started with
/// another --seed than the evaluation refuses, instead of silently unpairing real and simulated
/// episodes). LABEL answers with the task monitor's outcome when the rig was started with
/// --auto-label sim.
/// </summary>
public sealed class SimRigScene(MujocoServoPlant plant, int runSeed, bool autoLabel) : IRigScene
{
    /// <summary>How many episodes of its run seed the rig recognises.</summary>
    public const int MaxEpisodes = 100_000;

    public int RunSeed => runSeed;

    public string Reset(int seed)
    {
        int episode = EpisodeOf(seed) ?? throw new InvalidOperationException(
            $"seed {seed} is not the seed of any of the first {MaxEpisodes} episodes of this rig's --seed {runSeed}; " +
            $"run the evaluation with --seed {runSeed}, or restart sim-bus with the evaluation's --seed, so real episode i meets simulated episode i's layout.");
        var poses = plant.ResetScene(seed);
        return $"episode {episode} of seed {runSeed}: " + Describe(plant, poses);
    }

    public LabelReply Label(EpisodeEnd end)
    {
        if (!autoLabel)
            throw new InvalidOperationException("this rig was started with --auto-label none, so its physics does not label episodes; label them by hand (leave out --auto-label).");
        var o = plant.Conclude(end);
        return new LabelReply(o.Label, o.Metrics, o.Detail is null ? "labelled by the rig's physics" : $"{o.Detail} (labelled by the rig's physics)");
    }

    public int? EpisodeOf(int seed)
    {
        for (int i = 0; i < MaxEpisodes; i++)
            if (EpisodeSeeds.For(runSeed, i) == seed) return i;
        return null;
    }

    public static string Describe(MujocoServoPlant plant, IReadOnlyList<(double X, double Y, double Z, double Yaw)> poses) =>
        LayoutText.Describe(plant.Layout, poses);
}

/// <summary>How the layout of an episode is said in words.</summary>
public static class LayoutText
{
    /// <summary>"block at x 0.213 m, y -0.041 m, yaw 12.3 deg" for each placed body.</summary>
    public static string Describe(Harness.Sim.Env.InitialLayout layout, IReadOnlyList<(double X, double Y, double Z, double Yaw)> poses) =>
        string.Join("; ", poses.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"{BodyName(layout.Bodies[i].Joint)} at x {p.X:0.000} m, y {p.Y:0.000} m, yaw {p.Yaw * 180 / Math.PI:0.0} deg")));

    /// <summary>A placed body's name from its free joint's (block_free: block).</summary>
    public static string BodyName(string freeJoint) => freeJoint.EndsWith("_free", StringComparison.Ordinal) ? freeJoint[..^5] : freeJoint;
}
