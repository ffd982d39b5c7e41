using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Perturbations;
using Harness.Sim.Scenes;

namespace Harness.Tests.Robustness;

/// <summary>The so101 scene's own axes on real MuJoCo, and the episode seeds that head for each edge.</summary>
internal static class PerturbationFixture
{
    public const string SceneName = "so101-pick-place";

    public static SceneDefinition Scene => SceneCatalog.Get(SceneName);

    public static PerturbationAxis Axis(string name) => Scene.Perturbation(name);

    public static PerturbedEnv Env(string axis, int level, int levels = 4, MujocoEnvOptions? options = null) =>
        new(new MujocoEnv(Scene, options), Axis(axis), level, levels);

    /// <summary>The first episode seed of run seed 0 whose draws head for <paramref name="edge"/>.</summary>
    public static int SeedHeadingTo(string axis, double edge)
    {
        foreach (int seed in SeedsHeadingTo(axis, edge)) return seed;
        throw new InvalidOperationException($"no episode heads for {edge} on {axis}");
    }

    /// <summary>The episode seeds of run seed 0 (its first 200 episodes) whose draws head for <paramref name="edge"/>, in order.</summary>
    public static IEnumerable<int> SeedsHeadingTo(string axis, double edge)
    {
        var a = Axis(axis);
        return Enumerable.Range(0, 200).Select(i => EpisodeSeeds.For(0, i))
            .Where(seed => a.Range.EdgeFor(PerturbationSeeds.For(seed, a.Name)) == edge);
    }

    /// <summary>Total normal force (N) of the contacts between two geoms.</summary>
    public static double NormalForce(MjData data, int geomA, int geomB)
    {
        double sum = 0;
        for (int i = 0; i < data.ContactCount; i++)
        {
            var c = data.Contact(i);
            if ((c.Geom1 == geomA && c.Geom2 == geomB) || (c.Geom1 == geomB && c.Geom2 == geomA)) sum += data.ContactNormalForce(i);
        }
        return sum;
    }

    /// <summary>The action that holds the arm where the observation says it is.</summary>
    public static double[] Hold(Observation o) => (double[])o.State.Clone();
}
