using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Server;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>Whole episodes in the real MuJoCo scene, with the policy behind a loopback openpi server.</summary>
public class RemoteEpisodeTests
{
    private const int Steps = 60;

    [Test]
    public async Task Remote_scripted_policy_drives_the_same_episode_as_the_local_one()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        EpisodeRecord local;
        using (var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: Steps)))
        using (var policy = scene.CreateExpert())
            local = new EpisodeRunner(env, policy).Run(0, seed: 5);

        await using var server = new PolicyServer(() => scene.CreateExpert(), new PolicyServerOptions { Port = 0 });
        server.Start();
        EpisodeRecord remote;
        using (var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: Steps)))
        using (var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}", new OpenPiOptions { Robot = env.Spec }))
        {
            policy.Check(env.Spec);
            remote = new EpisodeRunner(env, policy).Run(0, seed: 5);
            Assert.That(policy.Timings, Has.Count.EqualTo(remote.Chunks.Count));
        }

        Assert.That(local.Steps, Has.Count.GreaterThan(0));
        Assert.That(remote.Error, Is.Null);
        Assert.That(remote.Steps, Has.Count.EqualTo(local.Steps.Count));
        for (int i = 0; i < local.Steps.Count; i++)
            Assert.That(remote.Steps[i].AppliedAction, Is.EqualTo(local.Steps[i].AppliedAction), $"step {i}");
        Assert.That(remote.Outcome.Label, Is.EqualTo(local.Outcome.Label));
    }

    [Test]
    public async Task A_server_fault_makes_an_error_episode_and_the_next_episode_runs()
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        int created = 0;
        // The first connection's policy answers once and then faults; later connections are healthy.
        await using var server = new PolicyServer(
            () => Interlocked.Increment(ref created) == 1
                ? new ThrowingAfter(scene.CreateExpert())
                : scene.CreateExpert(),
            new PolicyServerOptions { Port = 0 });
        server.Start();
        using var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 20));
        using var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}", new OpenPiOptions());
        var runner = new EpisodeRunner(env, policy);
        var failed = runner.Run(0, seed: 1);
        Assert.That(failed.Outcome.Label, Is.EqualTo("ERROR"));
        Assert.That(failed.Error, Does.Contain("remote policy fault"));
        var next = runner.Run(1, seed: 1);
        Assert.That(next.Error, Is.Null);
        Assert.That(next.Steps, Has.Count.EqualTo(20));
    }

    /// <summary>Answers once, then throws: a server-side fault in the middle of an episode.</summary>
    private sealed class ThrowingAfter(Harness.Core.Policies.IPolicy inner) : Harness.Core.Policies.IPolicy
    {
        private int _calls;
        public string Name => "throwing";
        public Harness.Core.Policies.PolicyInputs Inputs => inner.Inputs;
        public Harness.Core.Policies.ExecutionHint Hint => inner.Hint;
        public void Reset() { }
        public Harness.Core.Policies.ActionChunk Infer(Observation o, string task) =>
            ++_calls > 1 ? throw new InvalidOperationException("remote policy fault") : inner.Infer(o, task);
        public void Dispose() => inner.Dispose();
    }
}
