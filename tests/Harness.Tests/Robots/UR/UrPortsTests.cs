using Harness.Robots.UR;
using Harness.Robots.UR.Dashboard;
using Harness.Robots.Virtual.UR;

namespace Harness.Tests.Robots.UR;

public class UrPortsTests
{
    [Test]
    public void Real_ports_by_default()
    {
        Assert.That(UrPorts.Default.All, Is.EqualTo(new[] { 29999, 30002, 30003, 30004, 63352 }));
    }

    [Test]
    public void An_offset_is_added_to_every_port_and_wraps_past_65535_into_the_unprivileged_range()
    {
        Assert.That(UrPorts.Default.WithOffset(100).All, Is.EqualTo(new[] { 30099, 30102, 30103, 30104, 63452 }));
        // 63352 + 10000 = 73352 -> 1024 + (73352 - 65536) = 8840.
        Assert.That(UrPorts.Default.WithOffset(10000).All, Is.EqualTo(new[] { 39999, 40002, 40003, 40004, 8840 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => UrPorts.Default.WithOffset(-30000));
    }

    [Test]
    public void Client_and_virtual_controller_meet_on_the_same_offset_ports()
    {
        var ports = UrPorts.Default.WithOffset(23456);
        using var c = VirtualUrController.Start(new VirtualUrOptions { Ports = ports });
        Assert.That(c.Ports, Is.EqualTo(ports));
        using var d = DashboardClient.Connect("127.0.0.1", ports.Dashboard);
        Assert.That(d.RobotMode(), Is.EqualTo(UrRobotMode.Running));
    }
}
