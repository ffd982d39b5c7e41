using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Harness.Core.Policies;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;
using Harness.Policies.Remote.Transport;

namespace Harness.Policies.Remote.Server;

/// <summary>
/// Serves any local <see cref="IPolicy"/> over the openpi protocol. Each connection gets its own
/// policy from the factory (reset before its first request), because openpi has no reset message:
/// clients either open one connection per episode or, as our client does, flag an episode's first
/// request with <c>harness/episode_start</c>, which resets that connection's policy. A fault in one
/// request becomes a text frame with the error and a close 1011, for that connection only.
/// </summary>
public sealed class PolicyServer : IAsyncDisposable
{
    public const string ErrorCloseDescription = "Internal server error. Traceback included in previous frame.";

    private readonly Func<IPolicy> _policyFactory;
    private readonly PolicyServerOptions _options;
    private readonly IObservationLayout _layout;
    private readonly byte[] _metadata;
    private WebSocketListener? _listener;
    private int _connections;

    public PolicyServer(Func<IPolicy> policyFactory, PolicyServerOptions? options = null)
    {
        _policyFactory = policyFactory;
        _options = options ?? new PolicyServerOptions();
        _layout = _options.Layout ?? new LeRobotLayout();
        _metadata = MsgpackNumpy.Pack(_options.Metadata ?? new Dictionary<string, object?>());
    }

    public IObservationLayout Layout => _layout;

    /// <summary>The bound port (valid after <see cref="Start"/>).</summary>
    public int Port => _listener?.Port ?? throw new InvalidOperationException("the server is not started.");

    public Uri Endpoint => new($"ws://{(_options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : _options.Host)}:{Port}");

    /// <summary>Connections accepted so far (WebSocket ones).</summary>
    public int ConnectionsServed => Volatile.Read(ref _connections);

    public void Start()
    {
        if (_listener is not null) throw new InvalidOperationException("the server is already started.");
        _listener = new WebSocketListener(WebSocketListener.ResolveHost(_options.Host), _options.Port, ServeAsync, _options.Log);
        _listener.Start();
    }

    private async Task ServeAsync(WebSocket socket, HttpRequestHead head, CancellationToken stop)
    {
        int id = Interlocked.Increment(ref _connections);
        _options.Log?.Invoke($"connection {id} opened");
        IPolicy? policy = null;
        try
        {
            policy = _policyFactory();
            policy.Reset();
            await socket.SendAsync(_metadata, WebSocketMessageType.Binary, true, stop).ConfigureAwait(false);
            var buffer = new MessageBuffer();
            var writer = new MsgpackWriter(64 * 1024);
            double? prevTotalMs = null;
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                var message = await buffer.ReceiveAsync(socket, stop).ConfigureAwait(false);
                if (message.Type == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stop).ConfigureAwait(false);
                    _options.Log?.Invoke($"connection {id} closed by the client");
                    return;
                }
                long inferStart = Stopwatch.GetTimestamp();
                var request = DecodeRequest(buffer, message);
                if (request.EpisodeStart) policy.Reset();
                long policyStart = Stopwatch.GetTimestamp();
                var chunk = policy.Infer(request.Observation, request.Task);
                double policyMs = Stopwatch.GetElapsedTime(policyStart).TotalMilliseconds;
                double serverMs = Stopwatch.GetElapsedTime(inferStart).TotalMilliseconds;
                writer.Clear();
                writer.Write(new ActionResponse(chunk, policyMs, serverMs, prevTotalMs).ToMessage());
                await socket.SendAsync(writer.WrittenMemory, WebSocketMessageType.Binary, true, stop).ConfigureAwait(false);
                prevTotalMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        // Transport failures leave the socket aborted; anything raised while it is open is reported.
        catch (Exception ex) when (socket.State == WebSocketState.Open)
        {
            _options.Log?.Invoke($"connection {id}: {ex.GetType().Name}: {ex.Message}");
            await ReportErrorAsync(socket, ex).ConfigureAwait(false);
        }
        finally
        {
            policy?.Dispose();
        }
    }

    private DecodedObservation DecodeRequest(MessageBuffer buffer, ReceivedMessage message)
    {
        if (message.Type != WebSocketMessageType.Binary)
            throw new OpenPiProtocolException("expected a binary frame holding a msgpack observation; got a text frame.");
        object? tree;
        try { tree = MsgpackNumpy.Unpack(buffer.Span(message.Length)); }
        catch (MsgpackFormatException ex) { throw new OpenPiProtocolException($"malformed observation: {ex.Message}", ex); }
        var map = tree as MsgpackMap ?? throw new OpenPiProtocolException(
            $"an observation must be a msgpack map; found {MsgpackNumpy.Describe(tree)}.");
        return _layout.Decode(map);
    }

    // As the reference server: the error text in a text frame, then close 1011.
    private static async Task ReportErrorAsync(WebSocket socket, Exception ex)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var text = Encoding.UTF8.GetBytes(ex.ToString());
            await socket.SendAsync(text, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, ErrorCloseDescription, timeout.Token).ConfigureAwait(false);
            // Wait briefly for the client's close so the error is not lost to a reset connection.
            var scratch = new byte[4096];
            while (socket.State == WebSocketState.CloseSent)
                await socket.ReceiveAsync(scratch, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync().ConfigureAwait(false);
    }
}
