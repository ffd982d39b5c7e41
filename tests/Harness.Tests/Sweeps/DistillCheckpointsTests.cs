using System.Text.Json;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>`harness distill --checkpoint-every K`: intermediate packages of one training run for sweeps.</summary>
public class DistillCheckpointsTests
{
    [Test]
    public void Every_kth_optimizer_step_and_the_last_one_become_packages_of_one_run()
    {
        using var dir = new TempDir("distill");
        var r = InProcessCli.Run("distill", "--scene", SweepFixture.Scene, "--episodes", "2", "--epochs", "3", "--hidden", "8",
            "--checkpoint-every", "4", "--out", dir["run"]);
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        long Step(string package)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "policy.json")));
            var c = doc.RootElement.GetProperty("checkpoint");
            Assert.That(c.GetProperty("run").GetString(), Is.EqualTo("run"), package);
            return c.GetProperty("training_step").GetInt64();
        }
        long total = Step(dir["run"]);
        var folders = Directory.GetDirectories(dir["run"]).Select(d => Path.GetFileName(d)!).Order().ToArray();
        var expected = Enumerable.Range(1, (int)(total / 4)).Select(k => 4L * k).Append(total).Distinct().Select(s => $"step_{s:D6}").ToArray();
        Assert.That(total, Is.GreaterThan(8), "enough steps for several checkpoints");
        Assert.That(folders, Is.EqualTo(expected));
        foreach (var f in folders)
        {
            Assert.That(Step(dir[$"run/{f}"]), Is.EqualTo(long.Parse(f["step_".Length..])));
            Assert.That(File.Exists(dir[$"run/{f}/model.onnx"]) && File.Exists(dir[$"run/{f}/stats.json"]), Is.True);
        }
        // Different steps, different weights.
        Assert.That(File.ReadAllBytes(dir[$"run/{folders[0]}/model.onnx"]), Is.Not.EqualTo(File.ReadAllBytes(dir[$"run/{folders[1]}/model.onnx"])));
    }
}
