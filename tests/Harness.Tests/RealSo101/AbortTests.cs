using Harness.Robots.Feetech;

using Harness.Tests.Robots;

namespace Harness.Tests.RealSo101;

/// <summary>A real run stopped by a signal mid-episode: the arm goes to rest and every servo's torque goes off.</summary>
[NonParallelizable]
public class AbortTests
{
    [Test]
    public void Sigterm_mid_episode_rests_the_arm_switches_torque_off_and_keeps_the_run_incomplete()
    {
        using var rig = new RigHarness();
        string cal = rig.Calibrate();
        string ds = rig["ds"];
        var (code, output, err) = Harness.Tests.Support.InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "scripted", "--episodes", "1",
            "--out", rig["sim"], "--record", ds, "--record-cameras", "none");
        Assert.That(code, Is.EqualTo(0), output + err);
        rig.Rig.Bus.Log.Clear();
        using var run = new ChildProcess(RigHarness.Real("eval", "--port", rig.Link, "--calibration", cal, "--policy", "replay:" + ds + "#0",
            "--episodes", "3", "--out", rig["real"], "--auto-label", "sim"));
        run.WaitForOutput("episode seed", 120);
        // Mid-episode: goals are streaming.
        Wait.Until(() => rig.Rig.Bus.Log.Writes().Count(w => w.Touches(Sts3215.GoalPosition)) > 200, "goals streaming");
        run.Terminate();
        Assert.That(run.WaitForExit(120), Is.EqualTo(130), run.Output + run.Error);
        Assert.That(run.Error, Does.Contain("the arm moves to its rest pose, then torque goes off"));
        var writes = rig.Rig.Bus.Log.Writes();
        int lastGoal = writes.Select((w, i) => (w, i)).Last(x => x.w.Touches(Sts3215.GoalPosition)).i;
        var after = writes.Skip(lastGoal + 1).Where(w => w.Touches(Sts3215.TorqueEnable)).ToArray();
        Assert.That(after.Select(w => (w.Id, w.Data[0])), Is.EquivalentTo(new[] { ((byte)1, (byte)0), ((byte)2, (byte)0), ((byte)3, (byte)0), ((byte)4, (byte)0), ((byte)5, (byte)0), ((byte)6, (byte)0) }));
        Assert.That(rig.Rig.Bus.Ids.Select(id => rig.Rig.Bus.Inspect(id, s => s.TorqueOn)), Has.All.False);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(rig["real"], "run.json")));
        Assert.That(doc.RootElement.GetProperty("complete").GetBoolean(), Is.False);
    }
}
