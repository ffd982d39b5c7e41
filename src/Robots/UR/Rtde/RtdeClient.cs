using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Harness.Robots.UR.Rtde;

/// <summary>
/// RTDE client (protocol version 2). A reader thread takes every package off the socket: replies go
/// to the request waiting for them, data packages into an ordered queue (<see cref="Next"/>) from which
/// <see cref="Latest"/> keeps only the newest, text messages into <see cref="Messages"/>. A lost
/// connection fails every waiting and later call with <see cref="RtdeConnectionLostException"/>.
/// </summary>
public sealed class RtdeClient : IDisposable
{
    public const int DefaultQueueCapacity = 8192;
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(2);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly RtdePackageReader _reader;
    private readonly Thread _readerThread;
    private readonly object _writeLock = new();
    private readonly object _requestLock = new();
    private readonly BlockingCollection<(RtdeCommand Command, byte[] Payload)> _replies = new();
    private readonly object _dataLock = new();
    private readonly Queue<RtdeDataPackage> _data = new();
    private readonly ConcurrentQueue<RtdeTextMessage> _messages = new();
    private readonly int _queueCapacity;
    private volatile RtdeRecipe? _outputs;
    private volatile Exception? _lost;
    private volatile bool _started;
    private volatile bool _disposed;
    private long _received, _dropped, _skipped;

    private RtdeClient(TcpClient tcp, string endpoint, int queueCapacity)
    {
        _tcp = tcp;
        Endpoint = endpoint;
        _queueCapacity = queueCapacity;
        _stream = tcp.GetStream();
        _reader = new RtdePackageReader(_stream);
        _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = $"rtde-reader {endpoint}", Priority = ThreadPriority.AboveNormal };
    }

    public string Endpoint { get; }
    public int ProtocolVersion { get; private set; } = 1;
    public TimeSpan ReplyTimeout { get; set; } = DefaultReplyTimeout;
    public RtdeRecipe? Outputs => _outputs;
    public bool IsStarted => _started;
    public bool IsConnected => _lost is null && !_disposed;

    /// <summary>Data packages read off the socket since connecting.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    /// <summary>Packages thrown away because nobody took them and the queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Packages passed over by <see cref="Latest"/> in favour of a newer one.</summary>
    public long SkippedCount => Interlocked.Read(ref _skipped);

    /// <summary>Text messages from the controller, oldest first.</summary>
    public IReadOnlyList<RtdeTextMessage> Messages => _messages.ToArray();

    public event Action<RtdeTextMessage>? MessageReceived;

    /// <summary>Connects and negotiates protocol version 2.</summary>
    public static RtdeClient Connect(string host, int port, TimeSpan? connectTimeout = null, int queueCapacity = DefaultQueueCapacity)
    {
        var tcp = UrConnection.Open(host, port, connectTimeout ?? TimeSpan.FromSeconds(5), "RTDE interface",
            "Check the address and that the controller is on (RTDE listens on 30004; with a virtual controller, the same --port-offset on both sides).",
            (m, inner) => new RtdeException(m, inner));
        tcp.ReceiveBufferSize = 1 << 20;
        string endpoint = $"{host}:{port}";

        var client = new RtdeClient(tcp, endpoint, queueCapacity);
        client._readerThread.Start();
        try
        {
            client.NegotiateProtocolVersion(2);
            return client;
        }
        catch { client.Dispose(); throw; }
    }

    private void NegotiateProtocolVersion(ushort version)
    {
        var reply = Request(RtdeCommand.RequestProtocolVersion, RtdeWire.UInt16(version));
        if (reply.Length != 1) throw new RtdeException($"protocol version reply of {reply.Length} bytes; expected 1.");
        if (reply[0] == 0)
            throw new RtdeException($"the controller at {Endpoint} refused RTDE protocol version {version}. Version 2 needs URControl 3.5 / 5.0 or newer: update the controller software.");
        ProtocolVersion = version;
    }

    public ControllerVersion GetControllerVersion() =>
        RtdeWire.ParseControllerVersion(Request(RtdeCommand.GetUrControlVersion, []));

    /// <summary>Sets up the output recipe streamed at <paramref name="frequency"/> Hz (1..500 on e-Series).</summary>
    public RtdeRecipe SetupOutputs(IReadOnlyList<string> names, double frequency)
    {
        RequireNames(names, "output");
        if (_started) throw new InvalidOperationException("RTDE output recipes can only be set up while synchronisation is paused; call Pause() first.");
        var reply = Request(RtdeCommand.SetupOutputs, RtdeWire.SetupOutputsRequest(frequency, names));
        var recipe = Accept(reply, names, "output", $" at {frequency:0.###} Hz");
        _outputs = recipe;
        return recipe;
    }

    /// <summary>Sets up an input recipe; values are sent with <see cref="Send"/>.</summary>
    public RtdeRecipe SetupInputs(IReadOnlyList<string> names)
    {
        RequireNames(names, "input");
        var reply = Request(RtdeCommand.SetupInputs, System.Text.Encoding.UTF8.GetBytes(string.Join(",", names)));
        return Accept(reply, names, "input", "");
    }

    private static void RequireNames(IReadOnlyList<string> names, string kind)
    {
        if (names.Count == 0) throw new ArgumentException($"an {kind} recipe needs at least one field.");
        foreach (var n in names)
            if (string.IsNullOrWhiteSpace(n) || n.Contains(','))
                throw new ArgumentException($"'{n}' is not a valid RTDE field name.");
    }

    private RtdeRecipe Accept(byte[] reply, IReadOnlyList<string> names, string kind, string detail)
    {
        var (id, words) = RtdeWire.ParseSetupReply(reply);
        if (words.Length != names.Count)
            throw new RtdeException($"the controller answered the {kind} setup ({names.Count} fields{detail}) with {words.Length} types " +
                $"(recipe id {id}){LastErrorSuffix()}");
        var problems = new List<(string, string)>();
        var types = new RtdeType[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (RtdeTypes.TryParse(words[i], out types[i])) continue;
            problems.Add((names[i], words[i]));
        }
        if (problems.Count > 0)
        {
            var parts = problems.Select(p => p.Item2 switch
            {
                RtdeTypes.NotFound => $"'{p.Item1}' is NOT_FOUND (the controller has no {kind} field of that name)",
                RtdeTypes.InUse => $"'{p.Item1}' is IN_USE (another RTDE client, a fieldbus or a URCap already writes it)",
                var w => $"'{p.Item1}' came back as '{w}'",
            });
            string advice = problems.Any(p => p.Item2 == RtdeTypes.InUse)
                ? "Close the other client (only one may write an input), or move to registers nobody else uses."
                : "Check the spelling against the RTDE field list of this controller's software version.";
            throw new RtdeRecipeException($"the controller at {Endpoint} refused the {kind} recipe: {string.Join("; ", parts)}. {advice}", problems);
        }
        if (id == 0)
            throw new RtdeException($"the controller at {Endpoint} refused the {kind} recipe{detail} (recipe id 0){LastErrorSuffix()}");
        return new RtdeRecipe(id, names.ToArray(), types);
    }

    private string LastErrorSuffix()
    {
        var m = _messages.LastOrDefault(x => x.Level <= RtdeMessageLevel.Error);
        return m is null ? "." : $": {m.Message}";
    }

    public void Start()
    {
        var reply = Request(RtdeCommand.Start, []);
        if (reply.Length != 1 || reply[0] == 0)
            throw new RtdeException($"the controller at {Endpoint} refused to start RTDE synchronisation{LastErrorSuffix()}");
        _started = true;
    }

    public void Pause()
    {
        var reply = Request(RtdeCommand.Pause, []);
        if (reply.Length != 1 || reply[0] == 0)
            throw new RtdeException($"the controller at {Endpoint} refused to pause RTDE synchronisation{LastErrorSuffix()}");
        _started = false;
    }

    /// <summary>Sends one input data package (all fields of <paramref name="recipe"/>, in its order).</summary>
    public void Send(RtdeRecipe recipe, IReadOnlyList<object> values)
    {
        ThrowIfLost();
        if (!_started) throw new InvalidOperationException("RTDE inputs are sent only while synchronisation runs; call Start() first.");
        var payload = new byte[1 + recipe.FieldBytes];
        payload[0] = recipe.Id;
        RtdeFieldCodec.Encode(payload.AsSpan(1), recipe.Names, recipe.Types, values);
        Write(RtdeCommand.DataPackage, payload);
    }

    /// <summary>Sends a text message to the controller's log ('M').</summary>
    public void SendMessage(string message, string source = "Harness", RtdeMessageLevel level = RtdeMessageLevel.Info) =>
        Write(RtdeCommand.TextMessage, RtdeWire.TextMessage(new RtdeTextMessage(level, source, message)));

    /// <summary>The next data package in arrival order.</summary>
    public RtdeDataPackage Next(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_dataLock)
        {
            while (_data.Count == 0)
            {
                ThrowIfLost();
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || !Monitor.Wait(_dataLock, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)))
                {
                    if (_data.Count > 0) break;
                    ThrowIfLost();
                    throw new TimeoutException(NoDataMessage(timeout));
                }
            }
            return _data.Dequeue();
        }
    }

    /// <summary>The newest data package (waiting for one if none is queued); older queued ones are skipped.</summary>
    public RtdeDataPackage Latest(TimeSpan timeout)
    {
        var p = Next(timeout);
        lock (_dataLock)
        {
            while (_data.Count > 0) { p = _data.Dequeue(); Interlocked.Increment(ref _skipped); }
        }
        return p;
    }

    /// <summary>The newest queued data package without waiting (null when none arrived since the last take).</summary>
    public RtdeDataPackage? TryLatest()
    {
        ThrowIfLost();
        lock (_dataLock)
        {
            if (_data.Count == 0) return null;
            var p = _data.Dequeue();
            while (_data.Count > 0) { p = _data.Dequeue(); Interlocked.Increment(ref _skipped); }
            return p;
        }
    }

    private string NoDataMessage(TimeSpan timeout) =>
        _outputs is null
            ? "no output recipe is set up; call SetupOutputs and Start first."
            : !_started
                ? "RTDE synchronisation is paused; call Start() to receive data packages."
                : $"no RTDE data package from {Endpoint} within {timeout.TotalMilliseconds:0} ms (the output recipe streams at its set frequency: is the controller overloaded or the network down?).";

    private byte[] Request(RtdeCommand command, byte[] payload)
    {
        lock (_requestLock)
        {
            while (_replies.TryTake(out _)) { }
            Write(command, payload);
            var deadline = Stopwatch.GetTimestamp() + (long)(ReplyTimeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                ThrowIfLost();
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0)
                    throw new RtdeException($"no reply to RTDE '{(char)command}' ({command}) from {Endpoint} within {ReplyTimeout.TotalSeconds:0.#} s.");
                if (_replies.TryTake(out var reply, TimeSpan.FromMilliseconds(Math.Min(50, Math.Max(1, left * 1000.0 / Stopwatch.Frequency)))))
                    if (reply.Command == command) return reply.Payload;
            }
        }
    }

    private void Write(RtdeCommand command, byte[] payload)
    {
        ThrowIfLost();
        var frame = RtdeWire.Frame(command, payload);
        try
        {
            lock (_writeLock) _stream.Write(frame);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Fail(ex);
            ThrowIfLost();
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (!_disposed)
            {
                var p = _reader.Read();
                if (p is null) { Fail(null); return; }
                var (command, payload) = p.Value;
                switch (command)
                {
                    case RtdeCommand.DataPackage: OnData(payload); break;
                    case RtdeCommand.TextMessage:
                        var m = RtdeWire.ParseTextMessage(payload, ProtocolVersion);
                        _messages.Enqueue(m);
                        MessageReceived?.Invoke(m);
                        break;
                    default: _replies.Add((command, payload)); break;
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void OnData(byte[] payload)
    {
        long now = Stopwatch.GetTimestamp();
        var recipe = _outputs;
        if (payload.Length < 1) throw new RtdeException("data package without a recipe id.");
        if (recipe is null || payload[0] != recipe.Id)
            throw new RtdeException($"data package for recipe id {payload[0]}, but the output recipe is {(recipe is null ? "not set up" : $"id {recipe.Id}")}.");
        var package = new RtdeDataPackage(recipe, RtdeFieldCodec.Decode(payload.AsSpan(1), recipe.Types), now);
        Interlocked.Increment(ref _received);
        lock (_dataLock)
        {
            if (_data.Count >= _queueCapacity) { _data.Dequeue(); Interlocked.Increment(ref _dropped); }
            _data.Enqueue(package);
            Monitor.PulseAll(_dataLock);
        }
    }

    private void Fail(Exception? cause)
    {
        if (_lost is not null) return;
        string why = _disposed ? "the client was closed"
            : cause is null ? "the controller closed the connection"
            : cause.Message;
        _lost = new RtdeConnectionLostException(
            $"the RTDE connection to {Endpoint} is lost ({why}). Motion stops on the controller's watchdog; check the controller (protective stop, power, network) and connect again.", cause);
        lock (_dataLock) Monitor.PulseAll(_dataLock);
    }

    private void ThrowIfLost()
    {
        if (_lost is { } ex) throw new RtdeConnectionLostException(ex.Message, ex.InnerException);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Fail(null);
        try { _tcp.Client.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _tcp.Dispose();
        if (Thread.CurrentThread != _readerThread && _readerThread.IsAlive) _readerThread.Join(TimeSpan.FromSeconds(1));
        _replies.Dispose();
    }
}
