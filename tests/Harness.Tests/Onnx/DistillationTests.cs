using Harness.Core.Episodes;
using Harness.Core.Robots;
using Harness.Learning;
using Harness.Policies.Onnx;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Onnx;

public class DistillationTests
{
    private static readonly DistillationOptions Small = new(Demos: 3, Hidden: 16, Epochs: 3);

    [Test]
    public void Distill_writes_a_package_that_passes_preflight_and_runs_an_episode()
    {
        using var dir = new TempDir();
        var scene = SceneCatalog.Get("so101-pick-place");
        var report = Distiller.Run(scene, Small, dir["pkg"]);
        Assert.That(report.Demos, Is.EqualTo(3));
        Assert.That(report.FinalLoss, Is.LessThan(report.FirstLoss), "training reduces the loss");
        foreach (var f in new[] { "model.onnx", "policy.json", "stats.json", "training.json" })
            Assert.That(File.Exists(dir[$"pkg/{f}"]), Is.True, f);

        using var env = new MujocoEnv(scene, new MujocoEnvOptions(MaxEpisodeSteps: 30));
        using var policy = OnnxPolicy.Load(dir["pkg"]);
        Assert.That(policy.Preflight(env.Spec), Is.Empty);
        Assert.That(policy.Hint.ActionsPerQuery, Is.EqualTo(10));
        Assert.That(policy.Identity.Metadata!["name"], Is.EqualTo("pkg"));
        var rec = new EpisodeRunner(env, policy).Run(0, 5);
        Assert.That(rec.Error, Is.Null);
        Assert.That(rec.StepCount, Is.EqualTo(30));
    }

    [Test]
    public void Same_data_and_seed_give_identical_weights()
    {
        using var dir = new TempDir();
        var scene = SceneCatalog.Get("so101-pick-place");
        // Same package name (it is written into the model's metadata), different folders.
        Distiller.Run(scene, Small, dir["a/pkg"]);
        Distiller.Run(scene, Small, dir["b/pkg"]);
        Assert.That(File.ReadAllBytes(dir["b/pkg/model.onnx"]), Is.EqualTo(File.ReadAllBytes(dir["a/pkg/model.onnx"])));
        Assert.That(File.ReadAllText(dir["b/pkg/stats.json"]), Is.EqualTo(File.ReadAllText(dir["a/pkg/stats.json"])));
    }

    [Test]
    public void Onnx_runtime_and_the_csharp_network_agree()
    {
        // The exported graph (Concat -> Gemm/Relu -> Reshape) computes what the trainer trained.
        var net = new Mlp([16, 32, 32, 60], 3);
        var x = Enumerable.Range(0, 16).Select(i => (float)Math.Sin(i + 1)).ToArray();
        var expected = net.Predict(x);
        var bytes = Harness.Policies.Onnx.Writer.OnnxModelWriter.Serialize(Distiller.ExportModel(net, 6, 10, 10, 6, "t"));
        using var session = Harness.Policies.Native.OnnxSession.Load(bytes);
        var outputs = session.Run(new Dictionary<string, Harness.Policies.Native.OnnxTensor>
        {
            ["state"] = Harness.Policies.Native.OnnxTensor.FromFloats(x[..6], 1, 6),
            ["environment_state"] = Harness.Policies.Native.OnnxTensor.FromFloats(x[6..], 1, 10),
        });
        var actual = outputs["actions"];
        Assert.That(actual.Floats.ToArray(), Is.EqualTo(expected).Within(1e-4));
        Assert.That(actual.Shape, Is.EqualTo(new long[] { 1, 10, 6 }));
    }
}
