using System.Net.Sockets;

namespace Harness.Robots.UR;

/// <summary>Opens the TCP connections to a controller's services, with one wording for the two ways it fails.</summary>
internal static class UrConnection
{
    /// <param name="service">what listens there, e.g. "dashboard server".</param>
    /// <param name="advice">what to check, appended to either failure.</param>
    /// <param name="error">the exception type the caller's users catch.</param>
    public static TcpClient Open(string host, int port, TimeSpan timeout, string service, string advice, Func<string, Exception?, Exception> error)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            if (!tcp.ConnectAsync(host, port).Wait(timeout))
                throw error($"no answer from the {service} at {host}:{port} within {timeout.TotalSeconds:0.#} s. {advice}", null);
            return tcp;
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException se)
        {
            tcp.Dispose();
            throw error($"could not connect to the {service} at {host}:{port}: {se.Message}. {advice}", se);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
