using System.Net;
using System.Net.WebSockets;
using Harness.Policies.Remote.Msgpack;
using Harness.Policies.Remote.Transport;

namespace Harness.Tests.Remote;

/// <summary>
/// A wire-level openpi server for client tests: sends the given metadata, then answers each
/// request with whatever <c>respond(connection, request)</c> decides (bytes, text, close or drop).
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    public abstract record Reply;
    public sealed record Binary(byte[] Bytes, bool ThenClose = false) : Reply;
    public sealed record Text(string Message, bool Close1011 = true) : Reply;
    public sealed record Close(WebSocketCloseStatus Status, string Description) : Reply;
    public sealed record Drop : Reply;
    public sealed record Silence : Reply;

    private readonly WebSocketListener _listener;
    private int _connections;

    public ScriptedServer(Func<int, int, byte[], Reply> respond, byte[]? metadata = null, TimeSpan? pingEvery = null, int port = 0)
    {
        metadata ??= MsgpackNumpy.Pack(new Dictionary<string, object?>());
        _listener = new WebSocketListener(IPAddress.Loopback, port, async (socket, head, stop) =>
        {
            int connection = Interlocked.Increment(ref _connections);
            Heads.Add(head);
            await socket.SendAsync(metadata, WebSocketMessageType.Binary, true, stop);
            var buffer = new MessageBuffer();
            for (int request = 1; ; request++)
            {
                var message = await buffer.ReceiveAsync(socket, stop);
                if (message.Type == WebSocketMessageType.Close) return;
                switch (respond(connection, request, buffer.Span(message.Length).ToArray()))
                {
                    case Binary b:
                        await socket.SendAsync(b.Bytes, WebSocketMessageType.Binary, true, stop);
                        if (!b.ThenClose) break;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "server going idle", stop);
                        await Task.Delay(200, stop);
                        return;
                    case Text t:
                        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(t.Message), WebSocketMessageType.Text, true, stop);
                        if (t.Close1011) await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "Internal server error.", stop);
                        await Task.Delay(200, stop);
                        return;
                    case Close c:
                        await socket.CloseOutputAsync(c.Status, c.Description, stop);
                        await Task.Delay(200, stop);
                        return;
                    case Silence:
                        await Task.Delay(Timeout.Infinite, stop);
                        return;
                    case Drop:
                        socket.Abort();
                        throw new IOException("scripted drop");
                }
            }
        })
        {
            // Pings with a deadline, as Python websockets servers do (20 s + 20 s in openpi's).
            KeepAliveInterval = pingEvery ?? TimeSpan.FromSeconds(30),
            KeepAliveTimeout = pingEvery ?? Timeout.InfiniteTimeSpan,
        };
        _listener.Start();
    }

    public System.Collections.Concurrent.ConcurrentBag<HttpRequestHead> Heads { get; } = [];
    public int Connections => Volatile.Read(ref _connections);
    public int Port => _listener.Port;
    public string Spec => $"openpi:ws://127.0.0.1:{Port}";

    public static byte[] Actions(double[,] actions)
    {
        int h = actions.GetLength(0), d = actions.GetLength(1);
        return MsgpackNumpy.Pack(new Dictionary<string, object?>
        {
            ["actions"] = NdArray.FromDoubles(actions.Cast<double>().ToArray(), h, d),
            ["server_timing"] = new Dictionary<string, object?> { ["infer_ms"] = 1.25 },
        });
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
