using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.UR.Script;

/// <summary>
/// A connection to the controller's secondary interface (30002), used only to send program text.
/// The controller streams state packages on it that we never read; the caller keeps it open until it
/// has seen (over RTDE) that the program runs, then disposes it.
/// </summary>
public sealed class SecondaryConnection : IDisposable
{
    private readonly TcpClient _tcp;

    private SecondaryConnection(TcpClient tcp, string endpoint)
    {
        _tcp = tcp;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static SecondaryConnection Connect(string host, int port, TimeSpan timeout)
    {
        var tcp = UrConnection.Open(host, port, timeout, "secondary interface",
            "It takes URScript programs (real port 30002); check the address and the port offset.",
            (m, inner) => new IOException(m, inner));
        return new SecondaryConnection(tcp, $"{host}:{port}");
    }

    /// <summary>Sends a whole program (a single top-level def ... end); the controller runs it at once.</summary>
    public void SendProgram(string program)
    {
        var text = program.Replace("\r\n", "\n");
        if (!text.EndsWith('\n')) text += "\n";
        _tcp.GetStream().Write(Encoding.UTF8.GetBytes(text));
    }

    public void Dispose() => _tcp.Dispose();
}
