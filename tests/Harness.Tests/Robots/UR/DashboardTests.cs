using System.Net.Sockets;
using Harness.Robots.UR;
using Harness.Robots.UR.Dashboard;

namespace Harness.Tests.Robots.UR;

public class DashboardTests
{
    [Test]
    public void Greets_and_reports_modes()
    {
        using var c = VirtualUr.Start();
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        Assert.That(d.Greeting, Is.EqualTo("Connected: Universal Robots Dashboard Server"));
        Assert.That(d.RobotMode(), Is.EqualTo(UrRobotMode.Running));
        Assert.That(d.SafetyStatus(), Is.EqualTo(UrSafetyMode.Normal));
        Assert.That(d.IsInRemoteControl(), Is.True);
        Assert.That(d.Send("robotmode"), Is.EqualTo("Robotmode: RUNNING"));
        Assert.That(d.Send("safetystatus"), Is.EqualTo("Safetystatus: NORMAL"));
    }

    [Test]
    public void Power_on_and_brake_release_bring_a_powered_off_arm_to_running()
    {
        using var c = VirtualUr.Start(new() { InitialRobotMode = UrRobotMode.PowerOff, PowerOnTime = 0.1, BrakeReleaseTime = 0.1 });
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        Assert.That(d.Send("robotmode"), Is.EqualTo("Robotmode: POWER_OFF"));
        d.PowerOn();
        VirtualUr.WaitFor(c, core => core.RobotMode == UrRobotMode.Idle, "IDLE after power on");
        Assert.That(d.RobotMode(), Is.EqualTo(UrRobotMode.Idle));
        d.BrakeRelease();
        VirtualUr.WaitFor(c, core => core.RobotMode == UrRobotMode.Running, "RUNNING after brake release");
        Assert.That(c.Log.Entries.Select(e => e.Command), Is.EqualTo(new[] { "power on", "brake release" }));
    }

    [Test]
    public void Load_play_stop_and_program_state()
    {
        using var c = VirtualUr.Start();
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        var ex = Assert.Throws<DashboardException>(() => d.Load("missing.urp"));
        Assert.That(ex!.Reply, Is.EqualTo("File not found: missing.urp"));
        Assert.Throws<DashboardException>(() => d.Play(), "nothing loaded: Failed to execute: play");
        d.Load("harness_idle.urp");
        d.Play();
        Assert.That(d.ProgramState(), Is.EqualTo((UrRuntimeState.Playing, "harness_idle.urp")));
        d.Stop();
        Assert.That(d.ProgramState().State, Is.EqualTo(UrRuntimeState.Stopped));
    }

    [Test]
    public void A_protective_stop_is_a_typed_error_and_unlocks_only_after_the_delay()
    {
        using var c = VirtualUr.Start(new() { ProtectiveStopUnlockDelay = TimeSpan.FromMilliseconds(300) });
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        c.ProtectiveStop("test");
        var ex = Assert.Throws<UrProtectiveStopException>(() => d.EnsureSafetyNormal());
        Assert.That(ex!.Message, Does.Contain("PROTECTIVE STOP").And.Contain("unlock protective stop"));
        var early = Assert.Throws<DashboardException>(() => d.UnlockProtectiveStop());
        Assert.That(early!.Reply, Does.StartWith("Cannot unlock protective stop until 5s"));
        Thread.Sleep(400);
        d.UnlockProtectiveStop();
        Assert.That(d.SafetyStatus(), Is.EqualTo(UrSafetyMode.Normal));
    }

    [Test]
    public void An_emergency_stop_is_a_typed_error_saying_what_to_do()
    {
        using var c = VirtualUr.Start();
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        c.EmergencyStop();
        var ex = Assert.Throws<UrEmergencyStopException>(() => d.EnsureSafetyNormal());
        Assert.That(ex!.SafetyMode, Is.EqualTo(UrSafetyMode.RobotEmergencyStop));
        Assert.That(ex.Message, Does.Contain("EMERGENCY STOP").And.Contain("power the arm on"));
        Assert.That(d.RobotMode(), Is.EqualTo(UrRobotMode.PowerOff));
    }

    [Test]
    public void Local_control_refuses_motion_commands_with_a_hint()
    {
        using var c = VirtualUr.Start(new() { RemoteControl = false, InitialRobotMode = UrRobotMode.PowerOff });
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        Assert.That(d.IsInRemoteControl(), Is.False);
        var ex = Assert.Throws<DashboardException>(() => d.PowerOn());
        Assert.That(ex!.Message, Does.Contain("Remote Control"));
        Assert.That(c.Log.Entries, Is.Empty);
    }

    [Test]
    public void Unknown_commands_and_quit_answer_as_the_real_server()
    {
        using var c = VirtualUr.Start();
        using var d = DashboardClient.Connect("127.0.0.1", c.Ports.Dashboard);
        Assert.That(d.Send("fly"), Is.EqualTo("could not understand: 'fly'"));
        Assert.That(d.Send("quit"), Is.EqualTo("Disconnected"));
    }

    [Test]
    public void A_port_that_does_not_greet_as_a_dashboard_is_refused()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(() =>
        {
            using var s = listener.AcceptTcpClient();
            s.GetStream().Write("Hello from something else\n"u8);
            Thread.Sleep(200);
        });
        var ex = Assert.Throws<DashboardException>(() => DashboardClient.Connect("127.0.0.1", port));
        Assert.That(ex!.Message, Does.Contain("Hello from something else").And.Contain("29999"));
        serve.Wait();
        listener.Stop();
    }
}
