using Harness.Robots.UR;
using Harness.Robots.UR.Dashboard;

namespace Harness.Tests.Robots.UR;

public class UrRobotTests
{
    private static readonly double[] Ready = [0, -Math.PI / 2, Math.PI / 2, -Math.PI / 2, -Math.PI / 2, 0];

    [Test]
    public void Status_reads_modes_joints_and_gripper_without_moving_anything()
    {
        using var c = VirtualUr.Start();
        using var robot = UrRobot.Connect(new UrRobotOptions("127.0.0.1", c.Ports));
        var s = robot.Status();
        Assert.That((s.RobotMode, s.SafetyMode, s.RuntimeState, s.RemoteControl), Is.EqualTo((UrRobotMode.Running, UrSafetyMode.Normal, UrRuntimeState.Stopped, true)));
        Assert.That(s.JointPositions, Is.EqualTo(Ready).Within(1e-12));
        Assert.That(s.Gripper!.ActivationStatus, Is.Zero);
        Assert.That(c.Log.Entries, Is.Empty);
    }

    [Test]
    public void A_dry_run_episode_sends_nothing_that_moves_and_the_controller_log_stays_empty()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"ur-dry-{Guid.NewGuid():N}.log");
        try
        {
            using (var c = VirtualUr.Start(new() { LogPath = logFile }))
            using (var robot = UrRobot.Connect(new UrRobotOptions("127.0.0.1", c.Ports) { DryRun = true }))
            {
                robot.Prepare();
                robot.MoveTo(Ready, 0.5, 1.0, TimeSpan.FromSeconds(5));
                for (int k = 0; k < 10; k++) robot.Step(Ready.Select((v, j) => j == 0 ? v + 0.01 * k : v).ToArray(), k < 5 ? 0 : 255, 1.0 / 30);
                robot.Hold();
                Assert.That(robot.DryRunCommands.Count(x => x.StartsWith("servoj")), Is.EqualTo(10));
                Assert.That(robot.DryRunCommands, Does.Contain("gripper POS 255"));
                Assert.That(c.Log.Entries, Is.Empty);
                Assert.That(c.With(core => core.Program), Is.Null);
                Assert.That(c.With(core => core.Gripper.Sta), Is.Zero, "the gripper was not even activated");
            }
            Assert.That(File.ReadAllText(logFile), Is.Empty);
        }
        finally { File.Delete(logFile); }
    }

    [Test]
    public void The_same_episode_for_real_moves_the_arm_and_gripper_and_is_logged()
    {
        using var c = VirtualUr.Start();
        using (var robot = UrRobot.Connect(new UrRobotOptions("127.0.0.1", c.Ports)))
        {
            robot.Prepare();
            robot.MoveTo(Ready.Select((v, j) => j == 0 ? 0.1 : v).ToArray(), 0.5, 1.0, TimeSpan.FromSeconds(5));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int k = 1; k <= 10; k++)
            {
                var applied = robot.Step(Ready.Select((v, j) => j == 0 ? 0.1 + 0.01 * k : v).ToArray(), 255, 1.0 / 30);
                Assert.That(applied.Changed, Is.False);
                var wait = TimeSpan.FromSeconds(k / 30.0) - sw.Elapsed;
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            }
            Thread.Sleep(100); // the last 33 ms segment ends; the program holds that target
            robot.Hold();
            Thread.Sleep(300);
            Assert.That(c.With(core => core.PlantState.Q[0]), Is.EqualTo(0.2).Within(1e-6));
            Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Playing), "holding keeps the program alive");
        }
        var commands = c.Log.Entries.Select(e => e.Command).ToList();
        Assert.That(commands, Has.Some.StartsWith("movej"));
        Assert.That(commands, Has.Some.StartsWith("servoj"));
        Assert.That(commands, Has.Some.EqualTo("SET POS 255 SPE 255 FOR 100 GTO 1"));
        Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Stopped), "disposing ends the program");
    }

    [Test]
    public void Prepare_refuses_local_control()
    {
        using var c = VirtualUr.Start(new() { RemoteControl = false });
        using var robot = UrRobot.Connect(new UrRobotOptions("127.0.0.1", c.Ports));
        var ex = Assert.Throws<DashboardException>(() => robot.Prepare());
        Assert.That(ex!.Message, Does.Contain("Local Control").And.Contain("Remote Control"));
        Assert.That(c.Log.Entries, Is.Empty);
    }

    [Test]
    public void Moving_before_prepare_is_refused()
    {
        using var c = VirtualUr.Start();
        using var robot = UrRobot.Connect(new UrRobotOptions("127.0.0.1", c.Ports));
        Assert.Throws<InvalidOperationException>(() => robot.Step(Ready, null, 0.033));
    }
}
