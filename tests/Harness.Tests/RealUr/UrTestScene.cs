using System.Net;
using System.Net.Sockets;
using Harness.Robots.UR;
using Harness.Tests.Support;

namespace Harness.Tests.RealUr;

/// <summary>
/// The UR5e scene package for these tests: the built-in ur5e-pick-place once its scene.yaml is in
/// the repository, until then the MJCF folder copied with a fixture scene.yaml (the UR5e scene work's).
/// And a --port-offset whose five ports are free on this machine right now.
/// </summary>
internal static class UrTestScene
{
    public static string Resolve(TempDir dir)
    {
        string folder = Path.Combine(RepoPaths.Root, "scenes", "ur5e-pick-place");
        if (File.Exists(Path.Combine(folder, "scene.yaml"))) return "ur5e-pick-place";
        string copy = dir["ur5e-pick-place"];
        Copy(folder, copy);
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "Harness.Tests", "RealUr", "ur5e_scene.fixture.yaml"), Path.Combine(copy, "scene.yaml"));
        return copy;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

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
