using System.Net;
using System.Net.Sockets;
using Harness.Robots.UR;

namespace Harness.Tests.RealUr;

/// <summary>The UR5e scene for these tests, and a --port-offset whose five ports are free on this machine right now.</summary>
internal static class UrTestScene
{
    public const string Name = "ur5e-pick-place";

    /// <summary>An offset K (from a few tried at random) with all five UR ports plus K free on loopback.</summary>
    public static int FreeOffset()
    {
        var random = new Random();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int k = random.Next(1000, 20000);
            if (UrPorts.Default.WithOffset(k).All.All(Free)) return k;
        }
        throw new InvalidOperationException("no free set of UR ports found in 50 tries");
    }

    private static bool Free(int port)
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
