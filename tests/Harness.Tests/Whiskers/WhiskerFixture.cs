using Harness.Cli.Composition;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Sim.Env;
using Harness.Sim.Whiskers;

namespace Harness.Tests.Whiskers;

/// <summary>A real so101-pick-place environment and policy, run with or without whiskers.</summary>
internal static class WhiskerFixture
{
    public const string Scene = "so101-pick-place";

    public static (EpisodeRecord Record, WhiskerSimulator? Whiskers) Run(int seed, bool whiskers, string policy = "scripted",
        ChunkExecution? execution = null, WhiskerOptions? options = null, Func<IPolicy, IPolicy>? wrap = null, Action<MujocoEnv, EpisodeRecord, WhiskerSimulator?>? inspect = null)
    {
        var scene = SceneEntry.Resolve(Scene);
        using var env = EnvFactory.Create(scene, new ImageOptions());
        using var p = wrap is null ? PolicyCatalog.Create(policy, scene) : wrap(PolicyCatalog.Create(policy, scene));
        var sim = whiskers ? new WhiskerSimulator(options, p) : null;
        try
        {
            var runner = new EpisodeRunner(env, p, execution, sim is null ? [] : [sim]);
            var record = runner.Run(0, seed);
            inspect?.Invoke(env, record, sim);
            return (record, sim);
        }
        finally { sim?.Dispose(); }
    }
}
