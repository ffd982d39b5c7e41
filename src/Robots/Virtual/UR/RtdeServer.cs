using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Harness.Robots.UR.Rtde;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The virtual controller's RTDE interface: protocol versions 1 and 2, recipes checked against
/// <see cref="RtdeFieldCatalog"/> (NOT_FOUND; IN_USE while another connection owns an input), outputs
/// streamed from every controller cycle at each connection's frequency, input packages applied to the
/// registers. Sends never block the cycle: a connection whose queue is full loses packages (counted).
/// </summary>
public sealed class RtdeServer : IDisposable
{
    private readonly UrControllerCore _core;
    private readonly LoopbackListener _listener;
    private readonly ConcurrentDictionary<RtdeSession, byte> _sessions = new();
    private readonly Dictionary<string, RtdeSession> _inputOwners = new();

    public RtdeServer(UrControllerCore core, int port, Harness.Robots.UR.Rtde.ControllerVersion version)
    {
        _core = core;
        Version = version;
        _listener = new LoopbackListener("RTDE interface", port, Serve);
    }

    public int Port => _listener.Port;
    public Harness.Robots.UR.Rtde.ControllerVersion Version { get; }

    /// <summary>Delay before each reply to a request (a slow controller).</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Of the output packages due, send only every Nth (a controller short of time sends only the newest).</summary>
    public int OutputEvery { get; set; } = 1;

    public IReadOnlyCollection<RtdeSession> Sessions => _sessions.Keys.ToArray();

    public void DropAll() => _listener.DropAll();

    /// <summary>Called by the clock after every cycle.</summary>
    public void Publish(ControllerSnapshot snapshot)
    {
        foreach (var s in _sessions.Keys) s.Publish(snapshot, OutputEvery);
    }

    private void Serve(TcpClient client, CancellationToken stop)
    {
        var session = new RtdeSession(this, client);
        _sessions[session] = 0;
        try { session.Run(stop); }
        finally
        {
            _sessions.TryRemove(session, out _);
            lock (_core.Sync)
                foreach (var k in _inputOwners.Where(kv => kv.Value == session).Select(kv => kv.Key).ToList())
                    _inputOwners.Remove(k);
            session.Close();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var s in _sessions.Keys) s.Close();
    }

    /// <summary>One RTDE client connection.</summary>
    public sealed class RtdeSession
    {
        private readonly RtdeServer _server;
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly BlockingCollection<byte[]> _outgoing = new(boundedCapacity: 4096);
        private readonly Dictionary<byte, (RtdeRecipe Recipe, RtdeFieldCatalog.Input[] Fields)> _inputs = new();
        private volatile OutputSetup? _outputs;
        private volatile bool _started;
        private int _protocol = 1;
        private byte _nextInputId = 1;
        private long _dueCount;
        private Thread? _writer;

        private sealed record OutputSetup(RtdeRecipe Recipe, RtdeFieldCatalog.Output[] Fields, double Frequency);

        internal RtdeSession(RtdeServer server, TcpClient client)
        {
            _server = server;
            _client = client;
            _stream = client.GetStream();
        }

        public long SentPackages;
        public long DroppedPackages;
        public bool IsStarted => _started;

        internal void Run(CancellationToken stop)
        {
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "virtual-ur rtde writer" };
            _writer.Start();
            var reader = new RtdePackageReader(_stream);
            while (!stop.IsCancellationRequested)
            {
                var p = reader.Read();
                if (p is null) return;
                Handle(p.Value.Command, p.Value.Payload);
            }
        }

        private void WriteLoop()
        {
            try
            {
                foreach (var frame in _outgoing.GetConsumingEnumerable()) _stream.Write(frame);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException) { }
        }

        internal void Close()
        {
            _started = false;
            _outgoing.CompleteAdding();
            try { _client.Dispose(); } catch (ObjectDisposedException) { }
        }

        private void Enqueue(RtdeCommand command, byte[] payload)
        {
            try
            {
                if (!_outgoing.TryAdd(RtdeWire.Frame(command, payload))) Interlocked.Increment(ref DroppedPackages);
            }
            catch (InvalidOperationException) { }
        }

        private void Reply(RtdeCommand command, byte[] payload)
        {
            if (_server.ReplyDelay > TimeSpan.Zero) Thread.Sleep(_server.ReplyDelay);
            Enqueue(command, payload);
        }

        private void Message(RtdeMessageLevel level, string text)
        {
            var m = new RtdeTextMessage(level, "RTDE", text);
            Enqueue(RtdeCommand.TextMessage, _protocol >= 2 ? RtdeWire.TextMessage(m) : [(byte)level, .. Encoding.UTF8.GetBytes(text)]);
        }

        private void Handle(RtdeCommand command, byte[] payload)
        {
            switch (command)
            {
                case RtdeCommand.RequestProtocolVersion:
                    {
                        int v = payload.Length == 2 ? (payload[0] << 8) | payload[1] : -1;
                        bool ok = v is 1 or 2;
                        if (ok) _protocol = v;
                        Reply(command, [ok ? (byte)1 : (byte)0]);
                        break;
                    }
                case RtdeCommand.GetUrControlVersion:
                    Reply(command, RtdeWire.ControllerVersion(_server.Version));
                    break;
                case RtdeCommand.SetupOutputs: SetupOutputs(payload); break;
                case RtdeCommand.SetupInputs: SetupInputs(payload); break;
                case RtdeCommand.Start:
                    {
                        bool ok = _outputs is not null || _inputs.Count > 0;
                        if (!ok) Message(RtdeMessageLevel.Error, "cannot start: no output or input recipe is set up");
                        _started = ok;
                        Reply(command, [ok ? (byte)1 : (byte)0]);
                        break;
                    }
                case RtdeCommand.Pause:
                    _started = false;
                    Reply(command, [1]);
                    break;
                case RtdeCommand.DataPackage: ApplyInputs(payload); break;
                case RtdeCommand.TextMessage: break;
                default:
                    Message(RtdeMessageLevel.Error, $"unknown package type {(byte)command}");
                    break;
            }
        }

        private void SetupOutputs(byte[] payload)
        {
            double frequency = 125;
            int offset = 0;
            if (_protocol >= 2)
            {
                if (payload.Length < 8) { Message(RtdeMessageLevel.Error, "output setup without a frequency"); Reply(RtdeCommand.SetupOutputs, RtdeWire.SetupReply(0, [])); return; }
                frequency = System.Buffers.Binary.BinaryPrimitives.ReadDoubleBigEndian(payload);
                offset = 8;
            }
            if (_started)
            {
                Message(RtdeMessageLevel.Error, "output recipes can only be set up while synchronisation is paused");
                Reply(RtdeCommand.SetupOutputs, RtdeWire.SetupReply(0, []));
                return;
            }
            var names = Encoding.UTF8.GetString(payload, offset, payload.Length - offset).Split(',');
            if (!(frequency is >= 1 and <= 500))
            {
                Message(RtdeMessageLevel.Error, $"output frequency {frequency} Hz is outside 1..500 Hz");
                Reply(RtdeCommand.SetupOutputs, RtdeWire.SetupReply(0, []));
                return;
            }
            var words = new string[names.Length];
            var fields = new RtdeFieldCatalog.Output[names.Length];
            bool ok = true;
            for (int i = 0; i < names.Length; i++)
            {
                if (RtdeFieldCatalog.Outputs.TryGetValue(names[i], out var f)) { fields[i] = f; words[i] = f.Type.Name(); }
                else { words[i] = RtdeTypes.NotFound; ok = false; }
            }
            if (ok)
            {
                var recipe = new RtdeRecipe(1, names, fields.Select(f => f.Type).ToArray());
                _outputs = new OutputSetup(recipe, fields, frequency);
                _dueCount = 0;
            }
            Reply(RtdeCommand.SetupOutputs, RtdeWire.SetupReply(ok ? (byte)1 : (byte)0, words));
        }

        private void SetupInputs(byte[] payload)
        {
            var names = Encoding.UTF8.GetString(payload).Split(',');
            var words = new string[names.Length];
            var fields = new RtdeFieldCatalog.Input[names.Length];
            bool ok = true;
            byte id = 0;
            lock (_server._core.Sync)
            {
                for (int i = 0; i < names.Length; i++)
                {
                    if (!RtdeFieldCatalog.Inputs.TryGetValue(names[i], out var f)) { words[i] = RtdeTypes.NotFound; ok = false; continue; }
                    if (_server._inputOwners.TryGetValue(names[i], out var owner) && owner != this) { words[i] = RtdeTypes.InUse; ok = false; continue; }
                    fields[i] = f;
                    words[i] = f.Type.Name();
                }
                if (ok && _nextInputId < 255)
                {
                    foreach (var n in names) _server._inputOwners[n] = this;
                    id = _nextInputId++;
                    _inputs[id] = (new RtdeRecipe(id, names, fields.Select(f => f.Type).ToArray()), fields);
                }
            }
            Reply(RtdeCommand.SetupInputs, RtdeWire.SetupReply(id, words));
        }

        private void ApplyInputs(byte[] payload)
        {
            if (payload.Length < 1) { Message(RtdeMessageLevel.Error, "input package without a recipe id"); return; }
            if (!_started) { Message(RtdeMessageLevel.Warning, "input package ignored: synchronisation is not started"); return; }
            if (!_inputs.TryGetValue(payload[0], out var entry)) { Message(RtdeMessageLevel.Error, $"input package for unknown recipe id {payload[0]}"); return; }
            object[] values;
            try { values = RtdeFieldCodec.Decode(payload.AsSpan(1), entry.Recipe.Types); }
            catch (RtdeException ex) { Message(RtdeMessageLevel.Error, ex.Message); return; }
            var core = _server._core;
            lock (core.Sync)
                for (int i = 0; i < values.Length; i++)
                {
                    entry.Fields[i].Write(core, values[i]);
                    core.NoteWritten(entry.Recipe.Names[i]);
                }
        }

        internal void Publish(ControllerSnapshot snapshot, int outputEvery)
        {
            var setup = _outputs;
            if (!_started || setup is null) return;
            // Due when floor(tick * f / 500) advances: every cycle at 500 Hz, every 4th at 125 Hz.
            long due = (long)Math.Floor(snapshot.Tick * setup.Frequency / 500.0);
            long was = (long)Math.Floor((snapshot.Tick - 1) * setup.Frequency / 500.0);
            if (due == was) return;
            if (_dueCount++ % Math.Max(1, outputEvery) != 0) return;
            var payload = new byte[1 + setup.Recipe.FieldBytes];
            payload[0] = setup.Recipe.Id;
            var values = new object[setup.Fields.Length];
            for (int i = 0; i < values.Length; i++) values[i] = setup.Fields[i].Read(snapshot);
            RtdeFieldCodec.Encode(payload.AsSpan(1), setup.Recipe.Names, setup.Recipe.Types, values);
            Enqueue(RtdeCommand.DataPackage, payload);
            Interlocked.Increment(ref SentPackages);
        }
    }
}
