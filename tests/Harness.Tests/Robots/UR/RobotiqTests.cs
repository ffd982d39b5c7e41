using System.Net.Sockets;
using Harness.Robots.UR.Gripper;
using Harness.Robots.Virtual.UR;

namespace Harness.Tests.Robots.UR;

public class RobotiqTests
{
    [Test]
    public void Set_answers_exactly_ack_without_a_line_end()
    {
        using var c = VirtualUr.Start();
        using var tcp = new TcpClient("127.0.0.1", c.Ports.Gripper);
        var s = tcp.GetStream();
        s.Write("SET ACT 1\n"u8);
        var buf = new byte[16];
        int n = s.Read(buf);
        Assert.That(System.Text.Encoding.ASCII.GetString(buf, 0, n), Is.EqualTo("ack"));
        s.Write("GET STA\n"u8);
        n = s.Read(buf);
        Assert.That(System.Text.Encoding.ASCII.GetString(buf, 0, n).Trim(), Is.EqualTo("STA 1"));
    }

    [Test]
    public void Activation_goes_through_reset_to_active()
    {
        using var c = VirtualUr.Start();
        using var g = RobotiqGripper.Connect("127.0.0.1", c.Ports.Gripper);
        Assert.That(g.Status().IsActive, Is.False);
        g.Activate(TimeSpan.FromSeconds(5));
        var s = g.Status();
        Assert.That(s.ActivationStatus, Is.EqualTo(3));
        Assert.That(s.Fault, Is.Zero);
        Assert.That(c.Log.Entries.Select(e => e.Command), Is.EqualTo(new[] { "SET ACT 0 ATR 0", "SET ACT 1" }));
    }

    [Test]
    public void Closing_on_an_object_reports_contact_and_opening_arrives()
    {
        var fingers = new KinematicGripperPlant();
        using var c = VirtualUr.Start(new() { GripperPlant = () => fingers });
        using var g = RobotiqGripper.Connect("127.0.0.1", c.Ports.Gripper);
        g.Activate(TimeSpan.FromSeconds(5));

        var closed = g.MoveAndWait(255, TimeSpan.FromSeconds(5));
        Assert.That((closed.Position, closed.Object), Is.EqualTo((230, RobotiqObjectStatus.AtRequestedPosition)), "no object: the fingers close fully (reads 230)");

        g.MoveAndWait(0, TimeSpan.FromSeconds(5));
        c.With(_ => fingers.PlaceObject(140));
        var grip = g.MoveAndWait(255, TimeSpan.FromSeconds(5));
        Assert.That(grip.Object, Is.EqualTo(RobotiqObjectStatus.ContactWhileClosing));
        Assert.That(grip.Position, Is.EqualTo(140));
        Assert.That(grip.RequestedPosition, Is.EqualTo(255));
        Assert.That(grip.HasObject, Is.True);

        var open = g.MoveAndWait(0, TimeSpan.FromSeconds(5));
        Assert.That((open.Position, open.Object), Is.EqualTo((3, RobotiqObjectStatus.AtRequestedPosition)), "open reads 3");
    }

    [Test]
    public void A_motion_before_activation_sets_the_activation_fault()
    {
        using var c = VirtualUr.Start();
        using var g = RobotiqGripper.Connect("127.0.0.1", c.Ports.Gripper);
        g.Move(100);
        var s = g.Status();
        Assert.That(s.Fault, Is.EqualTo(0x07));
        Assert.That(RobotiqFaults.Describe(s.Fault), Does.Contain("activation bit must be set"));
    }

    [Test]
    public void During_an_emergency_stop_the_gripper_has_no_values()
    {
        using var c = VirtualUr.Start();
        using var g = RobotiqGripper.Connect("127.0.0.1", c.Ports.Gripper);
        c.EmergencyStop();
        var ex = Assert.Throws<RobotiqUnavailableException>(() => g.Status());
        Assert.That(ex!.Message, Does.Contain("has no value").And.Contain(" ?'").And.Contain("emergency stop"));
    }

    [Test]
    public void A_closed_port_says_the_URCap_is_needed()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var ex = Assert.Throws<RobotiqException>(() => RobotiqGripper.Connect("127.0.0.1", port));
        Assert.That(ex!.Message, Does.Contain("URCap").And.Contain("63352"));
    }
}
