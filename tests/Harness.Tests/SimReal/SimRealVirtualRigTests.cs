using Harness.Eval.SimReal;
using Harness.Tests.RealSo101;
using Harness.Tests.Support;
using Harness.Twin.Rig;

namespace Harness.Tests.SimReal;

/// <summary>
/// End to end on virtual hardware: two checkpoints (datasets of the scripted expert and of its
/// wrong-goal variant, replayed) evaluated in simulation and on the virtual SO-101 bus whose gripper
/// servo is deliberately torque-limited and whose surfaces are slippery, then `harness simreal`. The report must reveal the known
/// disagreement: grasps that hold in simulation fail on the "real" arm. Only directions are checked,
/// not figures that depend on the scene's model.
/// </summary>
[NonParallelizable]
public class SimRealVirtualRigTests
{
    private static readonly string[] Checkpoints = ["scripted", "scripted:wrong-goal"];
    private const string Episodes = "2", MaxSteps = "170";

    private RigHarness _rig = null!;
    private (int Code, string Out, string Err) _run;
    private string _out = "";

    [OneTimeSetUp]
    public void EvaluateInSimulationAndOnTheWeakRig()
    {
        // The official gripper's servo must beat its 0.052 N m of friction and 0.6 N m s/rad of damping to open to
        // the start pose in time (0.8 N m does); with every surface 20 times as slippery it no longer lifts the block.
        _rig = new RigHarness(seed: 0, physics: RigPhysics.Parse(0.05, ["gripper=0.8"]));
        string cal = _rig.Calibrate();
        foreach (var spec in Checkpoints)
        {
            string name = spec == "scripted" ? "expert" : spec.Replace("scripted:", "");
            string ds = _rig[$"ds/{name}"];
            Ok(InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", spec, "--episodes", Episodes, "--seed", "0", "--max-steps", MaxSteps,
                "--out", _rig[$"rec/{name}"], "--record", ds, "--record-cameras", "none"));
            Ok(InProcessCli.Run("eval", "--scene", "so101-pick-place", "--policy", "replay:" + ds, "--episodes", Episodes, "--seed", "0", "--max-steps", MaxSteps,
                "--out", _rig[$"sim/{name}"]));
            Ok(InProcessCli.Run(RigHarness.Real("eval", "--port", _rig.Link, "--calibration", cal, "--policy", "replay:" + ds, "--episodes", Episodes,
                "--seed", "0", "--max-steps", MaxSteps, "--out", _rig[$"real/{name}"], "--auto-label", "sim")));
        }
        _out = _rig["report"];
        _run = InProcessCli.Run("simreal", "--sim", _rig["sim"], "--real", _rig["real"], "--out", _out, "--bootstrap", "200");
    }

    private static void Ok((int Code, string Out, string Err) r) => Assert.That(r.Code, Is.EqualTo(0), r.Out + r.Err);

    [OneTimeTearDown]
    public void Stop() => _rig.Dispose();

    [Test]
    public void The_report_pairs_both_checkpoints_and_every_episode()
    {
        Assert.That(_run.Code, Is.EqualTo(0), _run.Out + _run.Err);
        var report = SimRealReportBuilder.Build(new SimRealRequest([new SimVariantInput("sim", [_rig["sim"]])], [_rig["real"]], 50, 0), DateTimeOffset.UnixEpoch, "test");
        var v = report.Variants.Single();
        Assert.That(v.Checkpoints.Select(c => c.Checkpoint), Is.EquivalentTo(new[] { "expert", "wrong-goal" }));
        Assert.That(v.Checkpoints.Select(c => c.PairedEpisodes), Has.All.EqualTo(2));
        Assert.That(v.Confusion.Pairs, Is.EqualTo(4));
        Assert.That(report.TwinErrors.Select(t => t.Measured), Has.All.EqualTo(2), "every real episode has the twin's prediction error");
        foreach (var f in new[] { "report.md", "report.html", "report.json", "charts/scatter_sim.svg" })
            Assert.That(File.Exists(Path.Combine(_out, f)), Is.True, f);
    }

    [Test]
    public void The_weak_real_gripper_shows_as_simulated_successes_that_fail_on_the_real_arm()
    {
        var report = SimRealReportBuilder.Build(new SimRealRequest([new SimVariantInput("sim", [_rig["sim"]])], [_rig["real"]], 50, 0), DateTimeOffset.UnixEpoch, "test");
        var v = report.Variants.Single();
        var expert = v.Checkpoints.Single(c => c.Checkpoint == "expert");
        Assert.That(expert.Sim.Rate, Is.GreaterThan(0), "the expert's replay succeeds in simulation");
        Assert.That(expert.Real.Rate, Is.LessThan(expert.Sim.Rate), "and less often on the torque-limited rig");
        int simSuccessRealFailure = v.Confusion.Classes.Where(c => c != "SUCCESS").Sum(c => v.Confusion.Count("SUCCESS", c));
        Assert.That(simSuccessRealFailure, Is.GreaterThan(0));
        var success = v.ClassDifferences.Single(d => d.Class == "SUCCESS");
        Assert.That(success.SimOnly, Is.GreaterThan(success.RealOnly));
        Assert.That(File.ReadAllText(Path.Combine(_out, "report.md")), Does.Match("are? `SUCCESS` in simulation but `[A-Z_]+` on the real robot"));
    }
}
