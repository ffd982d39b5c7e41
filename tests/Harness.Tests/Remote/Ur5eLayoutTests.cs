using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>
/// The <c>ur5e</c> openpi layout: what GELLO UR5e users' openpi configs read (base and wrist image
/// 224x224 with padding, the 7 state values unnormalised, the prompt), on the real scene, against a
/// wire-level server on loopback that answers with 7-value absolute action chunks.
/// </summary>
public class Ur5eLayoutTests
{
    [Test]
    public void Request_has_the_two_images_at_224_the_seven_values_and_the_prompt()
    {
        var layout = ObservationLayouts.Resolve("ur5e");
        double[] state = [-1.5708, -1.5708, 1.5708, -1.5708, -1.5708, 0, 0.25];
        // A 256x256 camera shrinks to 224x224 without padding; a 240x320 one is padded top and bottom.
        var baseImage = new CameraImage(256, 256, 3, Enumerable.Repeat((byte)200, 256 * 256 * 3).ToArray());
        var wrist = new CameraImage(240, 320, 3, Enumerable.Repeat((byte)90, 240 * 320 * 3).ToArray());
        var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = state },
            new Dictionary<string, CameraImage> { ["observation.images.base_rgb"] = baseImage, ["observation.images.wrist_rgb"] = wrist });
        var wire = (MsgpackMap)MsgpackNumpy.Unpack(MsgpackNumpy.Pack(layout.Encode(obs, "Pick up the block and place it in the bin", false)))!;
        Assert.That(wire.KeyNames, Is.EquivalentTo(new[] { "observation/image", "observation/wrist_image", "observation/state", "prompt" }));
        wire.TryGet("observation/state", out var s);
        Assert.That(((NdArray)s!).ToDoubles(), Is.EqualTo(state), "radians and the 0-1 gripper, unnormalised");
        Assert.That(((NdArray)s!).DType.Str, Is.EqualTo("<f8"));
        wire.TryGet("observation/image", out var b);
        var bi = (NdArray)b!;
        Assert.That((bi.Shape, bi.DType.Str), Is.EqualTo((new[] { 224, 224, 3 }, "|u1")));
        Assert.That(bi.Data.Distinct(), Is.EqualTo(new byte[] { 200 }), "square to square: no padding");
        wire.TryGet("observation/wrist_image", out var w);
        var wi = (NdArray)w!;
        Assert.That(wi.Shape, Is.EqualTo(new[] { 224, 224, 3 }));
        // 240x320 -> 168x224, centred: 28 black rows above and below.
        Assert.That(wi.Data[27 * 224 * 3], Is.EqualTo(0));
        Assert.That(wi.Data[28 * 224 * 3], Is.EqualTo(90));
        Assert.That(wi.Data[195 * 224 * 3], Is.EqualTo(90));
        Assert.That(wi.Data[196 * 224 * 3], Is.EqualTo(0));
        wire.TryGet("prompt", out var p);
        Assert.That(p, Is.EqualTo("Pick up the block and place it in the bin"));
    }

    [Test]
    public void Layout_fits_the_ur5e_scene_and_refuses_the_so101_one_saying_why()
    {
        var layout = ObservationLayouts.Resolve("ur5e");
        using (var ur = new MujocoEnv(SceneCatalog.Get("ur5e-pick-place"))) Assert.DoesNotThrow(() => layout.Check(ur.Spec));
        using var so = new MujocoEnv(SceneCatalog.Get("so101-pick-place"));
        var ex = Assert.Throws<ArgumentException>(() => layout.Check(so.Spec));
        Assert.That(ex!.Message, Does.Contain("'base_rgb'").And.Contain("camera map"));
    }

    [Test]
    public async Task Episode_on_the_ur5e_scene_sends_its_state_and_images_and_applies_the_absolute_chunks()
    {
        var requests = new List<MsgpackMap>();
        // The server's policy: hold the arm at home and close the gripper, 5 actions per chunk.
        double[] target = [-1.5708, -1.5708, 1.5708, -1.5708, -1.5708, 0, 1];
        var chunk = new double[5, 7];
        for (int r = 0; r < 5; r++) for (int c = 0; c < 7; c++) chunk[r, c] = target[c];
        await using var server = new ScriptedServer((_, _, bytes) =>
        {
            lock (requests) requests.Add((MsgpackMap)MsgpackNumpy.Unpack(bytes)!);
            return new ScriptedServer.Binary(ScriptedServer.Actions(chunk));
        });
        var scene = SceneCatalog.Get("ur5e-pick-place");
        using var env = new MujocoEnv(scene, new MujocoEnvOptions(RendererFactory: CameraRenderer.Factory(GlBackend.OsMesa), MaxEpisodeSteps: 10));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, new OpenPiOptions { Layout = "ur5e", Robot = env.Spec });
        policy.Check(env.Spec);
        Assert.That(policy.Inputs.Cameras, Is.EquivalentTo(new[] { "base_rgb", "wrist_rgb" }));
        env.RequestCameras(policy.Inputs.Cameras.ToArray());
        var record = new EpisodeRunner(env, policy).Run(0, seed: 2);

        Assert.That(record.Error, Is.Null);
        Assert.That(record.Steps, Has.Count.EqualTo(10));
        Assert.That(requests, Has.Count.EqualTo(2), "10 steps of 5-action chunks");
        requests[0].TryGet("observation/state", out var s);
        var sent = ((NdArray)s!).ToDoubles();
        Assert.That(sent, Has.Length.EqualTo(7));
        Assert.That(sent[..6], Is.EqualTo(target[..6]).Within(1e-3), "joints in radians at the settled home pose");
        Assert.That(sent[6], Is.EqualTo(0).Within(0.005), "gripper open");
        requests[1].TryGet("observation/state", out var s1);
        Assert.That(((NdArray)s1!).ToDoubles()[6], Is.GreaterThan(0.3), "the closing gripper, as the state reports it after 5 steps");
        foreach (var key in new[] { "observation/image", "observation/wrist_image" })
        {
            requests[0].TryGet(key, out var img);
            var a = (NdArray)img!;
            Assert.That(a.Shape, Is.EqualTo(new[] { 224, 224, 3 }), key);
            Assert.That(a.Data.Distinct().Count(), Is.GreaterThan(20), $"{key} is a rendered picture");
        }
        requests[0].TryGet("prompt", out var prompt);
        Assert.That(prompt, Is.EqualTo("Pick up the block and place it in the bin"));
        Assert.That(record.Steps.Select(st => st.AppliedAction), Has.All.EqualTo(target).Within(1e-6), "absolute actions, applied as sent (float32 on the wire)");
    }
}
