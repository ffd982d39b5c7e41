using Harness.Cli.Commands;
using Harness.Cli.Composition;
using Harness.Core.Episodes;
using Harness.Policies.Remote;
using Harness.Sim.Env;
using Harness.Sim.Scenes;

namespace Harness.Tests.Remote;

/// <summary>`harness serve` in-process: a catalog policy served on loopback, driven by a remote episode.</summary>
public class ServeCommandTests
{
    [Test]
    public async Task Serve_runs_a_catalog_policy_for_a_remote_episode_until_stopped()
    {
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource<int>();
        var serving = Task.Run(() => ServeCommand.Serve("scripted", "so101-pick-place", "127.0.0.1", 0, "lerobot", stop.Token,
            server => ready.SetResult(server.Port)));
        if (await Task.WhenAny(ready.Task, serving).WaitAsync(TimeSpan.FromSeconds(30)) == serving) await serving;
        int port = await ready.Task;

        var scene = SceneCatalog.Get("so101-pick-place");
        using (var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 30)))
        using (var policy = OpenPiPolicy.FromSpec($"openpi:ws://127.0.0.1:{port}"))
        {
            var episode = new EpisodeRunner(env, policy).Run(0, seed: 3);
            Assert.That(episode.Error, Is.Null);
            Assert.That(episode.Steps, Has.Count.EqualTo(30));
        }
        stop.Cancel();
        Assert.That(await serving.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(0));
    }

    [Test]
    public void Unknown_policy_fails_before_the_port_opens() =>
        Assert.Throws<UnknownPolicyException>(() =>
            ServeCommand.Serve("scripted:nope", "so101-pick-place", "127.0.0.1", 0, "lerobot", CancellationToken.None));

    [Test]
    public void Unknown_layout_lists_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ServeCommand.Serve("scripted", "so101-pick-place", "127.0.0.1", 0, "pi0", CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("lerobot, aloha, droid, libero"));
    }
}
