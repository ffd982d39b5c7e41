using Harness.Robots.Native;
using Harness.Robots.Serial;
using Harness.Tests.Support;

namespace Harness.Tests.Robots.Native;

/// <summary>
/// A pty stands in for a USB serial adapter: System.IO.Ports must open it at 1 Mbps through the
/// user's link path, and bytes must pass untouched in both directions with no echo.
/// </summary>
public class PtyTests
{
    [Test]
    public void SerialPort_opens_the_link_at_1Mbps_and_bytes_cross_raw_without_echo()
    {
        using var dir = new TempDir("pty");
        using var pty = PtyLink.Open(dir["port"]);
        using var client = SerialPortLink.Open(pty.LinkPath, SerialPortLink.FeetechBaudRate);

        client.Write(new byte[] { 0xFF, 0xFF, 0x01, 0x0D, 0x0A, 0x03, 0x11, 0x13 });
        var got = ReadExactly(pty.Terminal, 8);
        Assert.That(got, Is.EqualTo(new byte[] { 0xFF, 0xFF, 0x01, 0x0D, 0x0A, 0x03, 0x11, 0x13 }));

        // No echo: the client reads nothing back of what it wrote.
        var buffer = new byte[16];
        Assert.That(client.Read(buffer, TimeSpan.FromMilliseconds(100)), Is.EqualTo(0));

        // CR, LF, Ctrl-C, XON/XOFF and 0xFF arrive unchanged (no line discipline, no flow control).
        pty.Terminal.Write(new byte[] { 0x0D, 0x0A, 0x03, 0x11, 0x13, 0xFF, 0x00 });
        var back = new List<byte>();
        while (back.Count < 7)
        {
            int n = client.Read(buffer, TimeSpan.FromSeconds(2));
            Assert.That(n, Is.GreaterThan(0), "bytes written to the pty never reached the client");
            back.AddRange(buffer.Take(n));
        }
        Assert.That(back, Is.EqualTo(new byte[] { 0x0D, 0x0A, 0x03, 0x11, 0x13, 0xFF, 0x00 }));
    }

    [Test]
    public void The_link_is_a_symlink_to_the_pty_and_disappears_with_it()
    {
        using var dir = new TempDir("pty");
        string link = dir["so101"];
        var pty = PtyLink.Open(link);
        Assert.That(new FileInfo(link).LinkTarget, Does.StartWith("/dev/pts/"));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(pty.Terminal.SlavePath));
        pty.Dispose();
        Assert.That(new FileInfo(link).Exists || new FileInfo(link).LinkTarget is not null, Is.False);
    }

    [Test]
    public void A_stale_link_is_replaced_but_a_regular_file_is_never_destroyed()
    {
        using var dir = new TempDir("pty");
        File.CreateSymbolicLink(dir["stale"], "/dev/pts/does-not-exist");
        using (var pty = PtyLink.Open(dir["stale"]))
            Assert.That(new FileInfo(dir["stale"]).LinkTarget, Is.EqualTo(pty.Terminal.SlavePath));

        File.WriteAllText(dir["data"], "precious");
        var e = Assert.Throws<IOException>(() => PtyLink.Open(dir["data"]));
        Assert.That(e!.Message, Does.Contain("not a symbolic link"));
        Assert.That(File.ReadAllText(dir["data"]), Is.EqualTo("precious"));
    }

    [Test]
    public void Opening_a_missing_port_says_where_ports_appear()
    {
        var e = Assert.Throws<SerialLinkException>(() => SerialPortLink.Open("/dev/ttyACM-missing"));
        Assert.That(e!.Message, Does.Contain("does not exist").And.Contain("/dev/serial/by-id"));
    }

    [Test]
    public void A_client_sees_the_bus_vanish_as_a_lost_link()
    {
        using var dir = new TempDir("pty");
        var pty = PtyLink.Open(dir["port"]);
        using var client = SerialPortLink.Open(pty.LinkPath);
        pty.Dispose();
        var buffer = new byte[8];
        Assert.Throws<SerialLinkLostException>(() =>
        {
            // Some kernels report the hang-up on read, others only on the next write.
            client.Read(buffer, TimeSpan.FromMilliseconds(200));
            client.Write(new byte[] { 1 });
            client.Read(buffer, TimeSpan.FromMilliseconds(200));
        });
    }

    private static byte[] ReadExactly(PseudoTerminal pty, int count)
    {
        var got = new List<byte>();
        var buffer = new byte[64];
        while (got.Count < count)
        {
            int n = pty.Read(buffer, TimeSpan.FromSeconds(2));
            Assert.That(n, Is.GreaterThan(0), "the client's bytes never reached the pty");
            got.AddRange(buffer.Take(n));
        }
        return got.ToArray();
    }
}
