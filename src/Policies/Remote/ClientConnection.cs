using System.Net.WebSockets;
using System.Threading.Channels;
using Harness.Policies.Remote.Transport;

namespace Harness.Policies.Remote;

/// <summary>
/// One open WebSocket to a policy server with a reader that is always receiving. The reader
/// matters: a WebSocket answers the server's keep-alive pings only while a receive is pending, and
/// openpi's server (Python websockets) closes connections whose pings go unanswered for ~40 s,
/// e.g. while an operator resets a real robot between episodes.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    /// <summary>A whole message, a close (with its status), or the error that ended the reader.</summary>
    public sealed record Incoming(WebSocketMessageType Type, byte[] Bytes, WebSocketCloseStatus? Status = null, string? Description = null, Exception? Error = null);

    private readonly ClientWebSocket _socket;
    private readonly Channel<Incoming> _inbox = Channel.CreateUnbounded<Incoming>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public ClientConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Something arrived while no request was in flight (a close, an error, a stray frame).</summary>
    public bool HasUnsolicited => _inbox.Reader.TryPeek(out _);

    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancel) =>
        _socket.SendAsync(message, WebSocketMessageType.Binary, true, cancel).AsTask();

    public Incoming Receive(CancellationToken cancel)
    {
        try { return _inbox.Reader.ReadAsync(cancel).AsTask().GetAwaiter().GetResult(); }
        catch (ChannelClosedException ex) { return new Incoming(WebSocketMessageType.Close, [], Error: ex); }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new MessageBuffer();
        try
        {
            while (true)
            {
                var message = await buffer.ReceiveAsync(_socket, _stop.Token).ConfigureAwait(false);
                if (message.Type == WebSocketMessageType.Close)
                {
                    _inbox.Writer.TryWrite(new Incoming(WebSocketMessageType.Close, [], _socket.CloseStatus, _socket.CloseStatusDescription));
                    // Complete the close handshake so the server sees an orderly end.
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
                    return;
                }
                _inbox.Writer.TryWrite(new Incoming(message.Type, buffer.Span(message.Length).ToArray()));
            }
        }
        catch (Exception ex)
        {
            _inbox.Writer.TryWrite(new Incoming(WebSocketMessageType.Close, [], Error: ex));
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    /// <summary>Orderly close (used when the policy is disposed); waits briefly for the server.</summary>
    public void Close(string reason)
    {
        if (_socket.State != WebSocketState.Open) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token).GetAwaiter().GetResult();
            _reader.Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or AggregateException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Abort();
        _socket.Dispose();
        try { _reader.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
