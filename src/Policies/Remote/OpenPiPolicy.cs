using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote;

/// <summary>
/// A policy served by an openpi-protocol server (openpi's own, or <c>./harness serve</c>), spec
/// <c>openpi:ws://host:port</c>. Health-checks <c>/healthz</c> before the first connection, reads
/// the metadata frame, then one request/answer per <see cref="Infer"/>. A server error (text frame,
/// close 1011) or a dropped connection makes that call throw, so the episode becomes ERROR; the next
/// call reconnects with back-off. Not thread-safe: one runner drives one instance.
/// </summary>
public sealed class OpenPiPolicy : IPolicy, IRemoteTimings
{
    public const string SpecPrefix = "openpi:";
    public const int DefaultPort = 8000;

    private readonly OpenPiOptions _options;
    private readonly MsgpackWriter _writer = new(256 * 1024);
    private readonly List<RemoteCallTiming> _timings = [];
    private ClientConnection? _connection;
    private bool _connectedOnce;
    private bool _episodeStart = true;
    private bool _disposed;

    public OpenPiPolicy(Uri endpoint, OpenPiOptions? options = null)
    {
        if (endpoint.Scheme is not ("ws" or "wss"))
            throw new ArgumentException($"openpi endpoint must be ws://host:port or wss://host:port; got '{endpoint}'.");
        _options = options ?? new OpenPiOptions();
        Endpoint = endpoint;
        var cameras = _options.Cameras ?? _options.Robot?.Cameras.Select(c => c.Name).ToList();
        Layout = ObservationLayouts.Resolve(_options.Layout, _options.CameraMap, cameras);
    }

    /// <summary>Parses <c>openpi:ws://host[:port][/path]</c> (port 8000 when a ws:// spec gives none).</summary>
    public static OpenPiPolicy FromSpec(string spec, OpenPiOptions? options = null) => new(ParseSpec(spec), options);

    public static Uri ParseSpec(string spec)
    {
        string rest = spec.StartsWith(SpecPrefix, StringComparison.OrdinalIgnoreCase) ? spec[SpecPrefix.Length..] : spec;
        if (!Uri.TryCreate(rest, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
            throw new ArgumentException(
                $"'{spec}' is not an openpi policy spec; expected openpi:ws://host:port (or wss://), e.g. openpi:ws://127.0.0.1:8000.");
        // Uri cannot tell "ws://h" from "ws://h:80"; look at the authority text itself.
        string authority = rest[(rest.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/', '?')[0];
        bool hasPort = authority.LastIndexOf(':') > authority.LastIndexOf(']');
        if (uri.Scheme == "ws" && !hasPort) uri = new UriBuilder(uri) { Port = DefaultPort }.Uri;
        return uri;
    }

    public Uri Endpoint { get; }
    public IObservationLayout Layout { get; }
    public string Name => $"{SpecPrefix}{Endpoint.Scheme}://{Endpoint.Authority}{(Endpoint.PathAndQuery == "/" ? "" : Endpoint.PathAndQuery)}";
    /// <summary>The layout's features; with a known robot, optional cameras it lacks are not requested.</summary>
    public PolicyInputs Inputs
    {
        get
        {
            var features = Layout.Features;
            // A Harness server says which features its policy reads (metadata "harness/inputs");
            // with the lerobot layout and no cameras chosen by the user, render only those.
            if (Layout is LeRobotLayout && _options.Cameras is null && ServedInputs is { } served)
                features = [.. features.Where(f => !FeatureNames.IsImage(f)), .. served.Where(FeatureNames.IsImage)];
            return new(_options.Robot is { } robot
                ? features.Where(f => !FeatureNames.IsImage(f) || robot.Camera(FeatureNames.CameraOf(f)) is not null).ToList()
                : features);
        }
    }

    /// <summary>Features the served policy reads, when the server is a Harness server (metadata "harness/inputs").</summary>
    public IReadOnlyList<string>? ServedInputs =>
        Metadata is { } m && m.TryGet(MetadataInputsKey, out var v) && v is IEnumerable<object?> list
            ? list.OfType<string>().ToArray()
            : null;

    /// <summary>Metadata key under which a Harness server lists its policy's input features.</summary>
    public const string MetadataInputsKey = "harness/inputs";

    /// <summary>
    /// Metadata key under which a Harness server gives, per joint, how far its package lets the first action
    /// of a chunk lie from the measured joints (the ONNX pre-flight's own tolerance: the spread recorded in
    /// training plus slack; nil where unknown). The remote pre-flight uses it instead of a fraction of the range.
    /// </summary>
    public const string MetadataFirstActionToleranceKey = "harness/first_action_tolerance";

    /// <summary>The served package's first-action tolerance per joint, when the server is a Harness server that knows it.</summary>
    public IReadOnlyList<double?>? ServedFirstActionTolerance =>
        Metadata is { } m && m.TryGet(MetadataFirstActionToleranceKey, out var v) && v is IEnumerable<object?> list
            ? list.Select(x => x switch { double d => d, float f => f, long l => l, _ => (double?)null }).ToArray()
            : null;
    public ExecutionHint Hint => new(_options.ActionsPerQuery);

    /// <summary>The metadata frame of the current connection (openpi sends <c>{}</c> or e.g. <c>reset_pose</c>).</summary>
    public MsgpackMap? Metadata { get; private set; }

    /// <summary>One entry per successful call, in order, across episodes (run.json reports p50/p95).</summary>
    public IReadOnlyList<RemoteCallTiming> Timings => _timings;

    IReadOnlyList<double> IRemoteTimings.RoundTripMs => _timings.Select(t => t.RoundTripMs).ToArray();
    IReadOnlyList<double> IRemoteTimings.ServerInferMs => _timings.Where(t => t.ServerInferMs is not null).Select(t => t.ServerInferMs!.Value).ToArray();
    IReadOnlyList<double> IRemoteTimings.PolicyInferMs => _timings.Where(t => t.PolicyInferMs is not null).Select(t => t.PolicyInferMs!.Value).ToArray();

    public Uri HealthUrl => new UriBuilder(Endpoint) { Scheme = Endpoint.Scheme == "wss" ? "https" : "http", Path = "/healthz", Query = "" }.Uri;

    /// <summary>Pre-flight: the layout fits the robot and the server answers.</summary>
    public void Check(RobotSpec spec)
    {
        Layout.Check(spec);
        EnsureConnected();
    }

    /// <summary>Pre-flight through the server with the scene's observations (see <see cref="RemotePreflight"/>).</summary>
    public PreflightReport Preflight(PreflightContext context)
    {
        EnsureConnected(); // an unreachable server fails here, before any probe
        return RemotePreflight.Run(this, context, _options.Force);
    }

    /// <summary>Nothing remote to reset (openpi has no reset message); marks the next request as an episode start.</summary>
    public void Reset() => _episodeStart = true;

    public ActionChunk Infer(Observation observation, string task)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = Layout.Encode(observation, task, _episodeStart);
        _writer.Clear();
        _writer.Write(request);
        var connection = EnsureConnected();

        long start = Stopwatch.GetTimestamp();
        ClientConnection.Incoming reply;
        using (var timeout = new CancellationTokenSource(_options.CallTimeout))
        {
            try
            {
                connection.SendAsync(_writer.WrittenMemory, timeout.Token).GetAwaiter().GetResult();
                _episodeStart = false;
                reply = connection.Receive(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Drop();
                throw new RemoteConnectionException(
                    $"policy server {Endpoint} did not answer within {_options.CallTimeout.TotalSeconds:0.#} s; the connection was closed and the next call reconnects.");
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                Drop();
                throw Dropped(ex);
            }
        }
        double roundTrip = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        ThrowIfNotBinary(connection, reply);

        ActionResponse response;
        try { response = ActionResponse.Parse(reply.Bytes); }
        catch (OpenPiProtocolException ex) { throw new OpenPiProtocolException($"policy server {Endpoint}: {ex.Message}", ex); }
        _timings.Add(new RemoteCallTiming(roundTrip, response.ServerInferMs, response.PolicyInferMs, response.ServerPrevTotalMs));
        return response.Chunk;
    }

    private RemoteConnectionException Dropped(Exception ex) => new(
        $"connection to policy server {Endpoint} dropped during a call ({ex.Message}); this call failed, the next one reconnects.", ex);

    private ClientConnection EnsureConnected()
    {
        // A connection that closed or spoke while idle had no request in flight: replacing it loses nothing.
        if (_connection is { IsOpen: true, HasUnsolicited: false }) return _connection;
        Drop();
        if (!_connectedOnce)
        {
            HealthCheck();
            _connection = Connect(_options.ConnectTimeout);
            _connectedOnce = true;
        }
        else _connection = Connect(_options.ReconnectTimeout);
        return _connection;
    }

    /// <summary>GET /healthz, retrying while refused (a server may still be loading its checkpoint).</summary>
    private void HealthCheck()
    {
        using var http = new HttpClient { Timeout = _options.ConnectTimeout };
        var deadline = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                // Old openpi servers lack /healthz: any HTTP answer proves someone listens; the upgrade decides.
                using var response = http.GetAsync(HealthUrl).GetAwaiter().GetResult();
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                if (deadline.Elapsed + delay > _options.ConnectTimeout)
                    throw new RemoteConnectionException(
                        $"no openpi policy server answers at {HealthUrl} ({Reason(ex)}; waited {_options.ConnectTimeout.TotalSeconds:0.#} s). " +
                        $"Start one with `./harness serve --policy <policy> --port {Endpoint.Port}`, or check the host and port of '{Name}'.", ex);
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>Opens the WebSocket and reads the metadata frame, retrying with back-off until <paramref name="budget"/> is spent.</summary>
    private ClientConnection Connect(TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
            if (_options.ApiKey is { Length: > 0 } key) socket.Options.SetRequestHeader("Authorization", $"Api-Key {key}");
            ClientConnection? connection = null;
            try
            {
                using var timeout = new CancellationTokenSource(Max(budget - clock.Elapsed, TimeSpan.FromSeconds(1)));
                socket.ConnectAsync(Endpoint, timeout.Token).GetAwaiter().GetResult();
                connection = new ClientConnection(socket);
                var first = connection.Receive(timeout.Token);
                ThrowIfNotBinary(connection, first);
                object? metadata;
                try { metadata = MsgpackNumpy.Unpack(first.Bytes); }
                catch (MsgpackFormatException ex) { throw new OpenPiProtocolException($"policy server {Endpoint} sent malformed metadata: {ex.Message}", ex); }
                Metadata = metadata as MsgpackMap ?? throw new OpenPiProtocolException(
                    $"policy server {Endpoint} must first send a metadata map; found {MsgpackNumpy.Describe(metadata)}.");
                return connection;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or HttpRequestException or RemoteConnectionException)
            {
                if (connection is not null) connection.Dispose(); else socket.Dispose();
                if (clock.Elapsed + delay > budget)
                    throw new RemoteConnectionException(
                        $"cannot open a WebSocket to policy server {Endpoint} ({Reason(ex)}; tried for {budget.TotalSeconds:0.#} s). " +
                        $"Is `./harness serve` (or an openpi server) running on port {Endpoint.Port}?", ex);
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch
            {
                if (connection is not null) connection.Dispose(); else socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>Text frames and closes are errors: surface the server's words, then drop the connection.</summary>
    private void ThrowIfNotBinary(ClientConnection connection, ClientConnection.Incoming reply)
    {
        if (reply.Type == WebSocketMessageType.Binary) return;
        if (reply.Error is not null)
        {
            Drop();
            throw Dropped(reply.Error);
        }
        if (reply.Type == WebSocketMessageType.Text)
        {
            string text = Encoding.UTF8.GetString(reply.Bytes);
            // openpi follows the text with close 1011; take it so the close handshake completes.
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
                try { connection.Receive(wait.Token); } catch (OperationCanceledException) { }
            Drop();
            throw new RemotePolicyException(Endpoint.ToString(), text);
        }
        Drop();
        string description = reply.Description ?? "";
        if (reply.Status == WebSocketCloseStatus.InternalServerError)
            throw new RemotePolicyException(Endpoint.ToString(), description.Length > 0 ? description : "closed with code 1011 (internal server error)");
        throw new RemoteConnectionException(
            $"policy server {Endpoint} closed the connection (code {(int?)reply.Status ?? 0}{(description.Length > 0 ? ": " + description : "")}); the next call reconnects.");
    }

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
        Metadata = null;
    }

    private static string Reason(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is SocketException se) return se.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : se.Message;
        return ex is OperationCanceledException ? "timed out" : ex.Message;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _connection?.Close("policy disposed");
        Drop();
    }
}
