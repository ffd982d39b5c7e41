using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Harness.Policies.Remote.Transport;

/// <summary>
/// A small WebSocket endpoint on a raw TCP listener: answers <c>GET /healthz</c> with
/// <c>200 OK\n</c>, upgrades WebSocket requests on any path (RFC 6455, no compression) and hands
/// each socket to the handler on its own task. A client that sends garbage or vanishes only ends
/// its own connection.
/// </summary>
public sealed class WebSocketListener : IAsyncDisposable
{
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;
    private readonly Func<WebSocket, HttpRequestHead, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, (TcpClient Client, Task Task)> _connections = new();
    private readonly Action<string>? _log;
    private Task? _acceptLoop;
    private int _nextId;

    public WebSocketListener(IPAddress address, int port, Func<WebSocket, HttpRequestHead, CancellationToken, Task> handler, Action<string>? log = null)
    {
        _listener = new TcpListener(address, port);
        _handler = handler;
        _log = log;
    }

    /// <summary>The bound port (the real one when 0 was asked for).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IPAddress Address => ((IPEndPoint)_listener.LocalEndpoint).Address;

    public int ActiveConnections => _connections.Count;

    /// <summary>How often the server pings each client.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Abort a connection whose pong does not come within this time (default: never). A pong is
    /// only read while the handler is receiving, so a finite value also cuts long inferences.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    public void Start()
    {
        try { _listener.Start(); }
        catch (SocketException ex)
        {
            throw new IOException(
                $"cannot listen on {_listener.LocalEndpoint}: {ex.Message}. Pick another port with --port, or stop whatever is using it.", ex);
        }
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public static IPAddress ResolveHost(string host)
    {
        if (host == "localhost") return IPAddress.Loopback;
        if (IPAddress.TryParse(host, out var ip)) return ip;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new IOException($"host '{host}' resolves to no address; give an IP such as 127.0.0.1 or 0.0.0.0.");
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex)
            {
                if (_stop.IsCancellationRequested) return;
                _log?.Invoke($"accept failed: {ex.Message}");
                // e.g. out of file descriptors: back off instead of spinning.
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }
            client.NoDelay = true;
            int id = Interlocked.Increment(ref _nextId);
            var task = Task.Run(() => ServeAsync(id, client));
            _connections[id] = (client, task);
            // The entry may outlive a very fast connection; remove it once the task is done.
            _ = task.ContinueWith(_ => _connections.TryRemove(id, out var _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(int id, TcpClient client)
    {
        string peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                HttpRequestHead head;
                using (var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    headTimeout.CancelAfter(HeadTimeout);
                    head = await HttpRequestHead.ReadAsync(stream, headTimeout.Token).ConfigureAwait(false);
                }
                if (!head.IsWebSocketUpgrade)
                {
                    if (head.PathOnly == "/healthz" && head.Method is "GET" or "HEAD")
                        await RespondAsync(stream, "200 OK", "OK\n", head.Method == "HEAD").ConfigureAwait(false);
                    else
                        await RespondAsync(stream, "426 Upgrade Required",
                            "This is an openpi policy server: connect with a WebSocket client, or GET /healthz for a health check.\n", false).ConfigureAwait(false);
                    return;
                }
                string accept = HttpRequestHead.AcceptKey(head.Header("Sec-WebSocket-Key")!);
                var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token).ConfigureAwait(false);
                using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
                {
                    IsServer = true,
                    KeepAliveInterval = KeepAliveInterval,
                    KeepAliveTimeout = KeepAliveTimeout,
                });
                await _handler(socket, head, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception ex)
        {
            // One client's fault never reaches the others or the accept loop.
            _log?.Invoke($"connection {id} from {peer} ended: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async Task RespondAsync(Stream stream, string status, string body, bool headOnly)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        if (!headOnly) await stream.WriteAsync(bytes).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        foreach (var (client, _) in _connections.Values) client.Dispose();
        await Task.WhenAll(_connections.Values.Select(c => c.Task)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
