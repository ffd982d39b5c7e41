using Harness.Cli.Commands;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Server;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Handover;

/// <summary>
/// openpi's <c>aloha</c> layout on the Trossen kit: state and actions are 14 values in ALOHA's order
/// (left arm 6 joints, left gripper, right arm 6 joints, right gripper), which is the Trossen plugin's
/// order, and the kit's cameras carry ALOHA's names, so the preset maps with no camera map.
/// </summary>
[NonParallelizable] // the served run goes through the in-process CLI, which redirects the console
public class AlohaLayoutTests
{
    private const string Scene = "trossen-transfer-cube";

    [Test]
    public void The_aloha_layout_fits_the_kit_without_a_camera_map()
    {
        using var env = new MujocoEnv(SceneCatalog.Get(Scene));
        var layout = ObservationLayouts.Resolve("aloha");
        Assert.DoesNotThrow(() => layout.Check(env.Spec));
        Assert.That(layout.Features, Is.EqualTo(new[]
        {
            FeatureNames.State, "observation.images.cam_high", "observation.images.cam_low", "observation.images.cam_left_wrist", "observation.images.cam_right_wrist",
        }));
    }

    [Test]
    public async Task A_served_policy_receives_the_kits_state_and_cameras_in_alohas_spelling_and_its_actions_drive_the_arms()
    {
        var capture = new CapturingPolicy();
        await using var server = new PolicyServer(() => capture, new PolicyServerOptions { Port = 0, Layout = ObservationLayouts.Resolve("aloha") });
        server.Start();
        // 320 x 240 keeps the kit's 4:3 (so the same padding) at a quarter of the software rendering.
        using var env = new MujocoEnv(SceneCatalog.Get(Scene), new MujocoEnvOptions(RendererFactory: CameraRenderer.Factory(GlBackend.OsMesa),
            ImageHeight: 240, ImageWidth: 320, MaxEpisodeSteps: 8));
        using var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}", new OpenPiOptions { Layout = "aloha", Robot = env.Spec });
        policy.Check(env.Spec);
        env.RequestCameras(policy.Inputs.Cameras.ToArray());
        var first = env.Reset(EpisodeSeeds.For(0, 0));

        var chunk = policy.Infer(first, env.TaskText);
        var seen = capture.Observations.Single();
        Assert.That(seen.State, Is.EqualTo(first.State), "state [14] arrives in our (the plugin's and ALOHA's) order");
        Assert.That(seen.State, Has.Length.EqualTo(14));
        Assert.That(capture.Tasks.Single(), Is.EqualTo("Pick up the cube with the right arm and transfer it to the left arm."));
        Assert.That(seen.Images.Keys.Order(), Is.EqualTo(new[]
        {
            "observation.images.cam_high", "observation.images.cam_left_wrist", "observation.images.cam_low", "observation.images.cam_right_wrist",
        }));
        foreach (var (key, image) in seen.Images)
        {
            Assert.That((image.Height, image.Width, image.Channels), Is.EqualTo((224, 224, 3)), key);
            // 4:3 scaled to 224 x 168, centred: 28 black rows above and below.
            Assert.That(image.Pixels.Take(28 * 224 * 3), Is.All.EqualTo((byte)0), $"{key}: top padding");
            Assert.That(image.Pixels.Skip(196 * 224 * 3), Is.All.EqualTo((byte)0), $"{key}: bottom padding");
            var expected = ImageResize.ResizeWithPad(first.Images[key], 224, 224);
            Assert.That(image.Pixels, Is.EqualTo(expected.Pixels), $"{key}: openpi's resize-with-pad of the rendered camera");
        }

        // The answer is 14-dim in the same order: open the left gripper, close the right, turn left joint_0.
        Assert.That(chunk.Actions[0], Has.Length.EqualTo(14));
        var runner = new EpisodeRunner(env, policy);
        var record = runner.Run(0, EpisodeSeeds.For(0, 0));
        var last = record.Steps[^1];
        Assert.That(last.AppliedAction, Is.EqualTo(CapturingPolicy.Target(first.State)).Within(1e-6));
        Assert.That(last.State[0], Is.GreaterThan(0.1), "left_joint_0 turns towards 0.3");
        Assert.That(last.State[6], Is.GreaterThan(first.State[6] + 0.01), "left carriage opened");
        Assert.That(last.State[13], Is.LessThan(first.State[13] - 0.01), "right carriage closed");
        Assert.That(last.State[7], Is.EqualTo(first.State[7]).Within(0.01), "right_joint_0 untouched");
    }

    [Test]
    public async Task Harness_serve_with_the_aloha_layout_sends_back_the_kits_actions_in_order()
    {
        using var tmp = new TempDir("aloha-serve");
        // A recorded expert episode, replayed (every time: #0) by a policy served with the aloha
        // layout: the remote episode repeats the local one only if the 14 actions come back in the kit's order.
        const int steps = 60;
        var (code, _, err) = InProcessCli.Run("eval", "--scene", Scene, "--policy", "scripted", "--episodes", "1", "--seed", "0", "--max-steps", $"{steps}",
            "--out", tmp["local"], "--record", tmp["ds"], "--record-cameras", "none");
        Assert.That(code, Is.EqualTo(0), err);
        var scene = SceneCatalog.Get(Scene);
        EpisodeRecord local;
        using (var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: steps)))
        using (var expert = scene.CreateExpert())
            local = new EpisodeRunner(env, expert).Run(0, EpisodeSeeds.For(0, 0));

        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource<int>();
        var serving = Task.Run(() => ServeCommand.Serve("replay:" + tmp["ds"] + "#0", Scene, "127.0.0.1", 0, "aloha", stop.Token, s => ready.SetResult(s.Port)));
        if (await Task.WhenAny(ready.Task, serving).WaitAsync(TimeSpan.FromSeconds(60)) == serving) await serving;
        int port = await ready.Task;
        EpisodeRecord remote;
        try
        {
            // ALOHA needs cam_high; the replayed actions do not depend on it, so only it is rendered (small).
            using var env = new MujocoEnv(scene, new MujocoEnvOptions(RendererFactory: CameraRenderer.Factory(GlBackend.OsMesa),
                ImageHeight: 48, ImageWidth: 64, MaxEpisodeSteps: steps));
            using var policy = OpenPiPolicy.FromSpec($"openpi:ws://127.0.0.1:{port}", new OpenPiOptions { Layout = "aloha" });
            policy.Check(env.Spec);
            env.RequestCameras(["cam_high"]);
            remote = new EpisodeRunner(env, policy).Run(0, EpisodeSeeds.For(0, 0));
        }
        finally { stop.Cancel(); }
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(remote.Error, Is.Null);
        Assert.That(remote.Steps, Has.Count.EqualTo(steps));
        for (int i = 0; i < steps; i++)
            Assert.That(remote.Steps[i].AppliedAction, Is.EqualTo(local.Steps[i].AppliedAction), $"step {i}");
        Assert.That(remote.Steps[^1].State, Is.EqualTo(local.Steps[^1].State), "the same arms in the same place");
    }

    /// <summary>Records what reaches the server side and answers with a fixed 14-dim target.</summary>
    private sealed class CapturingPolicy : IPolicy
    {
        public List<Observation> Observations { get; } = [];
        public List<string> Tasks { get; } = [];
        public string Name => "capture";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }

        public static double[] Target(double[] state)
        {
            var a = (double[])state.Clone();
            a[0] = 0.3;      // left_joint_0
            a[6] = 0.044;    // left carriage fully open
            a[13] = 0;       // right carriage closed
            return a.Select(x => (double)(float)x).ToArray();
        }

        public ActionChunk Infer(Observation observation, string task)
        {
            Observations.Add(observation);
            Tasks.Add(task);
            var target = Target(observation.State);
            return new ActionChunk(Enumerable.Repeat(target, 15).ToArray());
        }

        public void Dispose() { }
    }
}
