using Harness.Robots.UR;
using Harness.Robots.Virtual.UR;
using Harness.Sim.Scenes;
using Harness.Tests.Support;
using Harness.Twin.Rig;

namespace Harness.Tests.RealUr;

/// <summary>
/// The controller's faults as sim-ur injects them (<c>--fault</c>), seen through the real command line:
/// status refuses a protectively stopped arm (exit 3), and an evaluation that meets a protective stop or
/// a dropped connection stops sending, records the episode as ERROR with the reason, and refuses the next
/// episode instead of moving a halted arm.
/// </summary>
[NonParallelizable]
public class UrFaultTests
{
    private readonly TempDir _dir = new("real-ur-faults");
    private string _dataset = "";

    [OneTimeSetUp]
    public void RecordADemonstration()
    {
        _dataset = _dir["ds"];
        var sim = InProcessCli.Run("eval", "--scene", UrTestScene.Name, "--policy", "scripted", "--episodes", "1", "--seed", "0",
            "--out", _dir["sim"], "--record", _dataset, "--record-cameras", "none");
        Assert.That(sim.Code, Is.EqualTo(0), sim.Out + sim.Err);
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    private static SimUrRig Rig(int offset, string log, params string[] faults) => SimUrRig.Start(new SimUrRigOptions
    {
        Scene = SceneCatalog.Get(UrTestScene.Name),
        Ports = UrPorts.Default.WithOffset(offset),
        CameraPort = null,
        LogPath = log,
        Faults = faults.Select(UrFaultSpec.Parse).ToArray(),
    });

    [Test]
    public void Status_of_a_protectively_stopped_arm_exits_3_and_says_what_to_do()
    {
        int k = UrTestScene.FreeOffset();
        using var rig = Rig(k, _dir["status.log"], "protective-stop");
        Thread.Sleep(300);
        var r = InProcessCli.Run("real", "ur5e", "status", "--host", "127.0.0.1", "--port-offset", $"{k}");
        Assert.That(r.Code, Is.EqualTo(3), r.Out + r.Err);
        Assert.That(r.Out, Does.Contain("not ready: safety mode PROTECTIVE_STOP").And.Contain("teach pendant"));
    }

    [TestCase("protective-stop", "the UR5e stopped")]
    [TestCase("drop", "the connection to the UR controller 127.0.0.1 failed")]
    public void An_evaluation_meeting_a_fault_stops_sending_and_refuses_the_next_episode(string fault, string message)
    {
        int k = UrTestScene.FreeOffset();
        string log = _dir[$"controller-{fault}.log"], out_ = _dir[$"run-{fault}"];
        using var rig = Rig(k, log);
        var eval = Task.Run(() => InProcessCli.Run("real", "ur5e", "eval", "--host", "127.0.0.1", "--port-offset", $"{k}", "--scene", UrTestScene.Name,
            "--policy", "replay:" + _dataset + "#0", "--episodes", "2", "--out", out_, "--auto-label", "sim",
            "--max-state-age-ms", "1000", "--watchdog-hz", "1"));
        // The fault comes while targets stream (sim-ur --fault applies the same spec on a timer).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (rig.Controller.Log.Entries.Count(e => e.Command.StartsWith("servoj", StringComparison.Ordinal)) < 20)
        {
            Assert.That(eval.IsCompleted, Is.False, "the evaluation ended before streaming 20 targets: " + (eval.IsCompleted ? eval.Result.Out + eval.Result.Err : ""));
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no servoj targets within 60 s");
            Thread.Sleep(50);
        }
        UrFaultSpec.Parse(fault).ApplyTo(rig.Controller);
        var atFault = rig.Controller.Log.Entries;
        int loggedAtFault = atFault.Count;
        string held = atFault[^1].Command;
        Assert.That(eval.Wait(TimeSpan.FromSeconds(30)), Is.True, "the evaluation did not stop within 30 s of the fault");
        var r = eval.Result;
        Thread.Sleep(500);
        Assert.That(r.Out + r.Err, Does.Contain(message).And.Contain("Nothing more is sent"), r.Out + r.Err);
        // No new target after the fault but what was already in flight on the wire (at most two). After a dropped
        // connection the controller's program keeps servoing to the held target until its RTDE watchdog stops it.
        var fresh = rig.Controller.Log.Entries.Skip(loggedAtFault).Select(e => e.Command).Where(c => c != held).Distinct().ToList();
        Assert.That(fresh, Has.Count.LessThanOrEqualTo(2), string.Join("\n", fresh));
        var rows = File.ReadAllLines(Path.Combine(out_, "episodes.csv")).Skip(1).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2), r.Out + r.Err);
        Assert.That(rows[0], Does.Contain(",ERROR,").And.Contain(message));
        Assert.That(rows[1], Does.Contain(",ERROR,").And.Contain("halted and takes no more commands"));
    }
}
