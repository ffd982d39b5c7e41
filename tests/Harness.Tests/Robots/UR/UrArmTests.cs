using Harness.Robots.UR;
using Harness.Robots.UR.Motion;
using Harness.Robots.UR.Rtde;
using Harness.Robots.UR.Script;
using Harness.Robots.Virtual.UR;

namespace Harness.Tests.Robots.UR;

public class UrArmTests
{
    private static readonly double[] Ready = [0, -Math.PI / 2, Math.PI / 2, -Math.PI / 2, -Math.PI / 2, 0];

    private static UrArm Connect(VirtualUrController c, double watchdogHz = 5) =>
        UrArm.Connect(new UrArmOptions("127.0.0.1", c.Ports) { WatchdogHz = watchdogHz });

    [Test]
    public void Upload_and_handshake_start_the_servo_program()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        var s = arm.NextState(TimeSpan.FromSeconds(1));
        Assert.That(s.RuntimeState, Is.EqualTo(UrRuntimeState.Playing));
        Assert.That(s.OutputIntRegisters[ServoProtocol.StateOutputInt], Is.EqualTo((int)ServoProgramState.Ready));
        Assert.That(s.OutputIntRegisters[ServoProtocol.VersionOutputInt], Is.EqualTo(1));
        Assert.That(c.Log.Entries.Select(e => e.Command), Is.EqualTo(new[] { "start program harness_servo" }));
        Assert.That(c.Refusals, Is.Empty);
    }

    [Test]
    public void MoveJ_reaches_the_target_and_reports_done()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        double[] target = [0.3, -1.2, 1.4, -1.7, -1.5, 0.2];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        arm.MoveJ(target, speed: 1.0, acceleration: 2.0, TimeSpan.FromSeconds(5));
        // Longest joint: |-1.2 - (-pi/2)| = 0.371 rad < v^2/a = 0.5, so a triangular profile of 2*sqrt(0.371/2) = 0.86 s.
        Assert.That(sw.Elapsed.TotalSeconds, Is.InRange(0.8, 3.0));
        var q = c.With(core => core.PlantState.Q);
        for (int j = 0; j < 6; j++) Assert.That(q[j], Is.EqualTo(target[j]).Within(1e-9), $"joint {j}");
        Assert.That(c.Log.Entries.Count(e => e.Command.StartsWith("movej q=[0.3, -1.2, 1.4, -1.7, -1.5, 0.2] a=2 v=1")), Is.EqualTo(1));
    }

    [Test]
    public void Streaming_servoj_at_30_Hz_moves_the_plant_along_the_targets()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        const double dt = 1.0 / 30;
        var start = Ready.ToArray();
        double[] last = start;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int k = 1; k <= 30; k++)
        {
            last = start.Select((v, j) => j == 0 ? v + 0.01 * k : v).ToArray(); // base joint: 0.3 rad/s
            arm.ServoJ(last, dt);
            var next = TimeSpan.FromSeconds(k * dt) - sw.Elapsed;
            if (next > TimeSpan.Zero) Thread.Sleep(next);
        }
        Thread.Sleep(200);
        var q = c.With(core => core.PlantState.Q);
        Assert.That(q[0], Is.EqualTo(0.30).Within(1e-6), "the base joint ends on the last target");
        Assert.That(q[1], Is.EqualTo(start[1]).Within(1e-9));
        int servoCalls = c.Log.Entries.Count(e => e.Command.StartsWith("servoj"));
        Assert.That(servoCalls, Is.InRange(30, 150), "one servoj per target, repeated while no newer one arrived");
        Assert.That(c.Log.Entries.Any(e => e.Command.StartsWith("servoj q=[0.3, ")), Is.True);
    }

    [Test]
    public void The_watchdog_stops_the_program_when_targets_stop_arriving()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c, watchdogHz: 10);
        arm.StartProgram();
        arm.ServoJ(Ready, 0.02);
        Thread.Sleep(400); // nothing sent for 400 ms, four times the 100 ms window
        Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Stopped), "stopped within the 400 ms");
        var error = c.ProgramErrors.Single();
        Assert.That(error, Does.Contain("RTDE watchdog: input_int_register_0 not written for"));
        int ms = int.Parse(System.Text.RegularExpressions.Regex.Match(error, @"not written for (\d+) ms").Groups[1].Value);
        Assert.That(ms, Is.InRange(100, 130), "it fires one cycle after the 100 ms window, not later");
        Thread.Sleep(50);
        var ex = Assert.Throws<UrProgramNotRunningException>(() => arm.ServoJ(Ready, 0.02));
        Assert.That(ex!.Message, Does.Contain("no longer running").And.Contain("watchdog"));
    }

    [Test]
    public void Holding_keeps_the_program_alive_while_the_caller_waits()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c, watchdogHz: 5);
        arm.StartProgram();
        Thread.Sleep(1000); // five watchdog periods without a call: the hold keep-alive feeds it
        Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Playing));
        arm.ServoJ(Ready, 0.02);
        Assert.That(c.ProgramErrors, Is.Empty);
    }

    [Test]
    public void A_protective_stop_while_streaming_surfaces_as_its_typed_error()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        arm.ServoJ(Ready, 0.02);
        c.ProtectiveStop("collision");
        Thread.Sleep(50);
        var ex = Assert.Throws<UrProtectiveStopException>(() => arm.ServoJ(Ready, 0.02));
        Assert.That(ex!.Message, Does.Contain("PROTECTIVE STOP"));
        Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Paused));
    }

    [Test]
    public void A_dropped_connection_surfaces_as_a_lost_RTDE_connection()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        c.DropConnections();
        var ex = Assert.Throws<RtdeConnectionLostException>(() =>
        {
            for (int i = 0; i < 100; i++) { arm.ServoJ(Ready, 0.02); Thread.Sleep(10); }
        });
        Assert.That(ex!.Message, Does.Contain("lost"));
        // Without inputs the watchdog ends the program on the controller side.
        VirtualUr.WaitFor(c, core => core.RuntimeState == UrRuntimeState.Stopped, "the watchdog after the drop");
    }

    [Test]
    public void A_target_outside_the_joint_range_protectively_stops_the_arm()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        arm.ServoJ([7.0, -1.57, 1.57, -1.57, -1.57, 0], 0.02);
        VirtualUr.WaitFor(c, core => core.SafetyMode == UrSafetyMode.ProtectiveStop, "the protective stop");
        Assert.That(c.ProgramErrors.Single(), Does.Contain("joint 0 = 7 rad is outside the joint limit"));
        Assert.That(c.Log.Entries.Any(e => e.Command.StartsWith("servoj q=[7")), Is.False, "the out-of-range servoj never reached the arm");
    }

    [Test]
    public void Servoj_parameters_outside_their_documented_ranges_are_refused_before_sending()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        Assert.Throws<ArgumentOutOfRangeException>(() => arm.ServoJ(Ready, 0.02, lookahead: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => arm.ServoJ(Ready, 0.02, gain: 50));
        Assert.Throws<ArgumentException>(() => arm.ServoJ([0, 0, 0, 0, 0, double.NaN], 0.02));
    }

    [Test]
    public void A_speed_slider_below_100_percent_slows_servoj_and_warns()
    {
        using var c = VirtualUr.Start();
        c.With(core => core.SpeedFraction = 0.5);
        using var arm = Connect(c, watchdogHz: 1); // one servoj of 0.4 s without a newer target: a 1 s watchdog window
        var warnings = new List<string>();
        arm.Monitor.Warning += warnings.Add;
        arm.StartProgram();
        var target = Ready.Select((v, j) => j == 0 ? v + 0.2 : v).ToArray();
        arm.ServoJ(target, 0.2);
        Thread.Sleep(250);
        var (now, q0) = c.With(core => (core.Time, core.PlantState.Q[0]));
        double started = c.Log.Entries.First(e => e.Command.StartsWith("servoj q=[0.2, ")).ControllerTime;
        // At 50 % the 0.2 s servoj takes 0.4 s of controller time: 0.2 rad * elapsed / 0.4 s.
        double expected = 0.2 * Math.Min(1, (now - started) / 0.4);
        Assert.That(now - started, Is.GreaterThan(0.05));
        Assert.That(q0, Is.EqualTo(expected).Within(1e-6));
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.Contain("speed slider is at 50").And.Contain("100 %"));
    }

    [Test]
    public void StopProgram_ends_it_on_the_controller()
    {
        using var c = VirtualUr.Start();
        using var arm = Connect(c);
        arm.StartProgram();
        arm.StopProgram(TimeSpan.FromSeconds(2));
        Assert.That(c.With(core => core.RuntimeState), Is.EqualTo(UrRuntimeState.Stopped));
        Assert.That(c.With(core => core.ReadOutputInt(ServoProtocol.StateOutputInt)), Is.EqualTo((int)ServoProgramState.Stopped));
    }

    [Test]
    public void Starting_on_a_powered_off_arm_says_to_power_on_first()
    {
        using var c = VirtualUr.Start(new() { InitialRobotMode = UrRobotMode.PowerOff });
        using var arm = Connect(c);
        var ex = Assert.Throws<UrProgramNotRunningException>(() => arm.StartProgram());
        Assert.That(ex!.Message, Does.Contain("POWER_OFF").And.Contain("brake release"));
        Assert.That(c.Log.Entries, Is.Empty);
    }
}
