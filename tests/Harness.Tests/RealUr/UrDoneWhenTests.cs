using System.Text.Json;
using Harness.Robots.UR;
using Harness.Robots.Virtual.UR;
using Harness.Sim.Scenes;
using Harness.Tests.Support;
using Harness.Twin.Rig;

namespace Harness.Tests.RealUr;

/// <summary>
/// Issue #19's done-when for the UR5e on a simulated rig (the virtual controller's real sockets on
/// loopback, MuJoCo behind it, the real command line): status, a simulated run recorded as a dataset
/// and replayed on the "real" arm for two episodes labelled by the rig's physics, a dry run that the
/// controller's log proves moved nothing, and the errors for a controller that is not there.
/// </summary>
[NonParallelizable]
public class UrDoneWhenTests
{
    private readonly TempDir _dir = new("real-ur");
    private SimUrRig _rig = null!;
    private int _offset;
    private string _scene = "", _dataset = "", _real = "", _dry = "";
    private (int Code, string Out, string Err) _status, _realRun, _dryRun;
    private int _loggedBeforeDry, _loggedAfterDry, _servojDuringReal;

    [OneTimeSetUp]
    public void RunTheSequence()
    {
        _scene = UrTestScene.Name;
        _offset = UrTestScene.FreeOffset();
        _rig = SimUrRig.Start(new SimUrRigOptions
        {
            Scene = SceneCatalog.Get(_scene),
            Ports = UrPorts.Default.WithOffset(_offset),
            Seed = 0,
            CameraPort = null,
            LogPath = _dir["controller.log"],
        });
        _status = InProcessCli.Run("real", "ur5e", "status", "--host", "127.0.0.1", "--port-offset", $"{_offset}");

        _dataset = _dir["ds"];
        var sim = InProcessCli.Run("eval", "--scene", _scene, "--policy", "scripted", "--episodes", "2", "--seed", "0",
            "--out", _dir["sim"], "--record", _dataset, "--record-cameras", "none");
        Assert.That(sim.Code, Is.EqualTo(0), sim.Out + sim.Err);

        // A loaded test machine stalls processes for longer than a real cell would: a looser state age and watchdog.
        string[] loose = ["--max-state-age-ms", "1000", "--watchdog-hz", "2"];
        _real = _dir["real"];
        _realRun = InProcessCli.Run(["real", "ur5e", "eval", "--host", "127.0.0.1", "--port-offset", $"{_offset}", "--scene", _scene,
            "--policy", "replay:" + _dataset, "--episodes", "2", "--out", _real, "--auto-label", "sim", .. loose]);
        _servojDuringReal = _rig.Controller.Log.Entries.Count(e => e.Command.StartsWith("servoj", StringComparison.Ordinal));

        _loggedBeforeDry = File.ReadAllLines(_dir["controller.log"]).Length;
        _dry = _dir["dry"];
        _dryRun = InProcessCli.Run(["real", "ur5e", "eval", "--host", "127.0.0.1", "--port-offset", $"{_offset}", "--scene", _scene,
            "--policy", "replay:" + _dataset, "--episodes", "2", "--out", _dry, "--auto-label", "sim", "--dry-run", "--max-steps", "30", .. loose]);
        _loggedAfterDry = File.ReadAllLines(_dir["controller.log"]).Length;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _rig.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void Status_shows_modes_joints_tool_and_gripper()
    {
        Assert.That(_status.Code, Is.EqualTo(0), _status.Out + _status.Err);
        Assert.That(_status.Out, Does.Contain("robot mode RUNNING, safety mode NORMAL").And.Contain("remote control: yes"));
        // The scene's home pose, read back through RTDE from the MuJoCo arm.
        Assert.That(_status.Out, Does.Contain("joints (deg):  -90.00  -90.00  +90.00  -90.00  -90.00  +0.00"));
        Assert.That(_status.Out, Does.Contain("gripper (Robotiq 2F-85): not activated").And.Contain("speed slider: 100 %"));
    }

    [Test]
    public void Two_replayed_episodes_run_on_the_virtual_arm_and_the_rigs_physics_labels_them()
    {
        Assert.That(_realRun.Code, Is.EqualTo(0), _realRun.Out + _realRun.Err);
        var rows = File.ReadAllLines(Path.Combine(_real, "episodes.csv")).Skip(1).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(rows, Has.None.Contains(",ERROR,"));
        Assert.That(rows, Has.All.Contains("labelled by the rig's physics"));
        // The replayed expert picks the block up on the virtual arm: the 2F-85's jaws held it.
        Assert.That(rows.Count(r => r.Contains(",SUCCESS,")), Is.GreaterThanOrEqualTo(1), string.Join("\n", rows));
        Assert.That(_servojDuringReal, Is.GreaterThan(100), "servoj targets streamed to the controller");
        // OBJ through the URCap socket: the simulated fingers stop on the block while closing (OBJ 2).
        Assert.That(_realRun.Out, Does.Match(@"step \d+: the 2F-85 holds an object \(OBJ 2, ContactWhileClosing\)"));
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(_real, "run.json")));
        var robot = run.RootElement.GetProperty("extra").GetProperty("real_robot");
        Assert.That(robot.GetProperty("robot").GetString(), Is.EqualTo("ur5e_2f85"));
        Assert.That(robot.GetProperty("port_offset").GetInt32(), Is.EqualTo(_offset));
    }

    [Test]
    public void A_dry_run_moves_nothing_and_the_controller_log_proves_it()
    {
        Assert.That(_dryRun.Code, Is.EqualTo(0), _dryRun.Out + _dryRun.Err);
        Assert.That(_loggedAfterDry, Is.EqualTo(_loggedBeforeDry), "the controller received a motion command during the dry run");
        Assert.That(_dryRun.Out, Does.Contain("dry run: would moveJ to the start pose").And.Contain("dry run step 29: would send servoj"));
        Assert.That(File.ReadAllLines(Path.Combine(_dry, "episodes.csv")).Skip(1).ToArray(), Has.Length.EqualTo(2));
    }

    [Test]
    public void Status_without_a_controller_says_to_start_sim_ur_with_the_same_offset()
    {
        int k = UrTestScene.FreeOffset();
        var r = InProcessCli.Run("real", "ur5e", "status", "--host", "127.0.0.1", "--port-offset", $"{k}");
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("Connection refused").And.Contain($"`harness sim-ur --port-offset {k}`"));
    }

    [Test]
    public void Auto_label_sim_without_a_rig_names_the_command_that_starts_one()
    {
        int k = UrTestScene.FreeOffset();
        var r = InProcessCli.Run("real", "ur5e", "eval", "--host", "127.0.0.1", "--port-offset", $"{k}", "--scene", _scene,
            "--policy", "replay:" + _dataset, "--episodes", "1", "--out", _dir["none"], "--auto-label", "sim");
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain($"harness sim-ur --port-offset {k}"));
    }
}
