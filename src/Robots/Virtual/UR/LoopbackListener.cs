using System.Net;
using System.Net.Sockets;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// Accepts connections on 127.0.0.1:port and runs <c>serve</c> for each on its own thread. Keeps the
/// open connections so a fault can drop them all (the listener stays up, as a controller's would).
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Action<TcpClient, CancellationToken> _serve;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<TcpClient> _open = new();
    private readonly Thread _accept;

    public LoopbackListener(string name, int port, Action<TcpClient, CancellationToken> serve)
    {
        Name = name;
        _serve = serve;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try { _listener.Start(); }
        catch (SocketException ex)
        {
            throw new IOException($"virtual UR controller: cannot listen on 127.0.0.1:{port} for the {name} ({ex.Message}). " +
                "Another process uses the port: pick another --port-offset.", ex);
        }
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = $"virtual-ur {name} accept" };
        _accept.Start();
    }

    public string Name { get; }
    public int Port { get; }

    public int OpenConnections
    {
        get { lock (_open) return _open.Count; }
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = _listener.AcceptTcpClient(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            client.NoDelay = true;
            lock (_open) _open.Add(client);
            new Thread(() =>
            {
                try { _serve(client, _stop.Token); }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
                {
                    // The peer went away or the connection was dropped: this connection ends, the server goes on.
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"virtual UR controller: the {Name} connection failed: {ex}");
                }
                finally
                {
                    lock (_open) _open.Remove(client);
                    client.Dispose();
                }
            }) { IsBackground = true, Name = $"virtual-ur {Name} connection" }.Start();
        }
    }

    /// <summary>Closes every open connection at once (a dropped network, a controller reboot).</summary>
    public void DropAll()
    {
        TcpClient[] open;
        lock (_open) open = _open.ToArray();
        foreach (var c in open)
        {
            // The connection's own thread may have closed it meanwhile (Client is then null).
            try { c.Client?.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
            c.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        _accept.Join(TimeSpan.FromSeconds(1));
    }
}
