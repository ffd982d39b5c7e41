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
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            if (!tcp.ConnectAsync(host, port).Wait(timeout))
                throw new IOException($"no answer from the secondary interface at {host}:{port} within {timeout.TotalSeconds:0.#} s.");
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException se)
        {
            tcp.Dispose();
            throw new IOException($"could not connect to the secondary interface at {host}:{port} (it takes URScript programs; real port 30002): {se.Message}.", se);
        }
        catch { tcp.Dispose(); throw; }
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
