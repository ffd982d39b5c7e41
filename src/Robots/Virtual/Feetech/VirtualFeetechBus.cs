using System.Diagnostics;
using Harness.Robots.Feetech;
using Harness.Robots.Native;

namespace Harness.Robots.Virtual.Feetech;

/// <summary>
/// Emulated STS3215 servos answering Feetech's protocol byte for byte on a pseudo-terminal, so any
/// client (ours, LeRobot, Feetech's SDK) can open the link path as its serial port. Two threads:
/// the protocol thread answers instructions (no echo; SYNC_READ answered per listed id in list
/// order; broadcast and SYNC_WRITE unanswered; bad checksums ignored, as a servo does); the
/// control thread steps the <see cref="IServoPlant"/> every <see cref="VirtualFeetechBusOptions.TickPeriod"/>.
/// </summary>
public sealed class VirtualFeetechBus : IDisposable
{
    private readonly PtyLink _pty;
    private readonly EmulatedServo[] _servos;
    private readonly ServoCommand[] _commands;
    private readonly ServoReading[] _readings;
    private readonly TimeSpan _tick;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread _protocol;
    private readonly Thread _control;
    private volatile bool _stopping;
    private volatile Exception? _failure;

    internal readonly Lock State = new();

    private VirtualFeetechBus(PtyLink pty, VirtualFeetechBusOptions options)
    {
        _pty = pty;
        Plant = options.Plant;
        if (Plant.Travel.Count != options.Ids.Count)
            throw new ArgumentException($"the plant has {Plant.Travel.Count} joints for {options.Ids.Count} servo ids.");
        if (options.Ids.Distinct().Count() != options.Ids.Count || options.Ids.Any(id => id >= FeetechFrame.BroadcastId))
            throw new ArgumentException($"servo ids must be distinct and below 254: {string.Join(", ", options.Ids)}.");
        _servos = options.Ids.Select(id => new EmulatedServo(id)).ToArray();
        foreach (var s in _servos) options.Prepare?.Invoke(s);
        _commands = new ServoCommand[_servos.Length];
        _readings = new ServoReading[_servos.Length];
        _tick = options.TickPeriod;
        Hand = new ServoHand(_servos.Length, options.HandTicksPerSecond);
        Faults = new BusFaults(this);

        // Power on: the plant reports where the joints are, then RAM comes up from there.
        for (int i = 0; i < _servos.Length; i++) _commands[i] = new ServoCommand(0, false, null);
        Plant.Step(_commands, _readings, TimeSpan.Zero);
        for (int i = 0; i < _servos.Length; i++)
        {
            _servos[i].Apply(_readings[i]);
            _servos[i].PowerCycle();
        }

        _protocol = new Thread(ProtocolLoop) { IsBackground = true, Name = "virtual-feetech-protocol" };
        _control = new Thread(ControlLoop) { IsBackground = true, Name = "virtual-feetech-control" };
    }

    public static VirtualFeetechBus Start(VirtualFeetechBusOptions options)
    {
        var pty = PtyLink.Open(options.LinkPath);
        try
        {
            var bus = new VirtualFeetechBus(pty, options);
            bus._control.Start();
            bus._protocol.Start();
            return bus;
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    /// <summary>The path clients open (the link).</summary>
    public string LinkPath => _pty.LinkPath;

    /// <summary>The pseudo-terminal device behind the link.</summary>
    public string DevicePath => _pty.Terminal.SlavePath;

    public IServoPlant Plant { get; }
    public ServoHand Hand { get; }
    public BusFaults Faults { get; }
    public BusLog Log { get; } = new();

    /// <summary>Why the bus stopped serving, if the plant or the terminal failed.</summary>
    public Exception? Failure => _failure;

    /// <summary>Current servo ids, in plant order.</summary>
    public IReadOnlyList<byte> Ids
    {
        get
        {
            lock (State) return _servos.Select(s => s.Id).ToArray();
        }
    }

    /// <summary>Reads servo state consistently with the protocol and control threads.</summary>
    public T Inspect<T>(byte id, Func<EmulatedServo, T> read)
    {
        lock (State) return read(Servo(id));
    }

    /// <summary>Switches every servo off and on (EEPROM kept as persisted, RAM reset).</summary>
    public void PowerCycle()
    {
        lock (State)
            foreach (var s in _servos) s.PowerCycle();
    }

    internal void WithServo(byte id, Action<EmulatedServo> change)
    {
        lock (State) change(Servo(id));
    }

    private EmulatedServo Servo(byte id) =>
        _servos.FirstOrDefault(s => s.Id == id)
        ?? throw new ArgumentException($"no servo with id {id} on the virtual bus (ids: {string.Join(", ", _servos.Select(s => s.Id))}).");

    private void ControlLoop()
    {
        try
        {
            var last = _clock.Elapsed;
            while (!_stopping)
            {
                Thread.Sleep(_tick);
                var now = _clock.Elapsed;
                var dt = now - last;
                last = now;
                lock (State)
                    for (int i = 0; i < _servos.Length; i++)
                    {
                        var s = _servos[i];
                        _commands[i] = s.Command(Hand.Advance(i, s.ActualTicks, s.TorqueOn, dt));
                    }
                Plant.Step(_commands, _readings, dt);
                lock (State)
                    for (int i = 0; i < _servos.Length; i++) _servos[i].Apply(_readings[i]);
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    private void ProtocolLoop()
    {
        var framer = new PacketFramer();
        var buffer = new byte[1024];
        try
        {
            while (!_stopping)
            {
                // A servo gives up on a half-received packet after a short silence; so do we.
                int n = _pty.Terminal.Read(buffer, TimeSpan.FromMilliseconds(framer.Buffered > 0 ? 10 : 50));
                if (n == 0)
                {
                    if (framer.Buffered > 0) framer.DropOldest();
                    else continue;
                }
                else framer.Append(buffer.AsSpan(0, n));
                FrameResult result;
                while ((result = framer.TryTake(out var framed)) != FrameResult.Incomplete)
                {
                    if (result == FrameResult.ChecksumMismatch)
                    {
                        Log.AddCorrupt();
                        continue;
                    }
                    var packet = new InstructionPacket(framed.Id, (Instruction)framed.Code, framed.Parameters);
                    Log.Add(new LoggedInstruction(_clock.Elapsed, packet));
                    byte[] reply;
                    TimeSpan delay;
                    lock (State)
                    {
                        reply = Faults.Shape(Answer(packet));
                        delay = reply.Length > 0 ? Faults.TakeDelay() : TimeSpan.Zero;
                    }
                    if (delay > TimeSpan.Zero) Thread.Sleep(delay);
                    if (reply.Length > 0) _pty.Terminal.Write(reply);
                }
            }
        }
        catch (Exception e) when (!_stopping)
        {
            _failure = e;
        }
    }

    /// <summary>What the servos send back for one instruction. Caller holds the state lock.</summary>
    private List<StatusPacket> Answer(InstructionPacket packet)
    {
        var replies = new List<StatusPacket>();
        var p = packet.Parameters;
        var targets = packet.IsBroadcast ? Present().OrderBy(s => s.Id).ToList() : Present().Where(s => s.Id == packet.Id).ToList();
        switch (packet.Instruction)
        {
            case Instruction.Ping:
                // A broadcast PING is the one broadcast that servos answer (LeRobot's port scan uses it).
                replies.AddRange(targets.Select(s => Status(s, [])));
                break;
            case Instruction.Read when p.Length == 2 && !packet.IsBroadcast:
                foreach (var s in targets)
                    if (s.Read(p[0], p[1]) is { } data) replies.Add(Status(s, data));
                break;
            case Instruction.Write when p.Length >= 2:
                foreach (var s in targets)
                    if (s.Write(p[0], p.AsSpan(1)) && Acknowledges(packet, s)) replies.Add(Status(s, []));
                break;
            case Instruction.RegWrite when p.Length >= 2:
                foreach (var s in targets)
                    if (s.RegisterWrite(p[0], p.AsSpan(1)) && Acknowledges(packet, s)) replies.Add(Status(s, []));
                break;
            case Instruction.Action:
                foreach (var s in targets)
                {
                    s.Action();
                    if (Acknowledges(packet, s)) replies.Add(Status(s, []));
                }
                break;
            case Instruction.SyncRead when packet.IsBroadcast && p.Length >= 2:
                for (int i = 2; i < p.Length; i++)
                {
                    var s = Present().FirstOrDefault(x => x.Id == p[i]);
                    if (s?.Read(p[0], p[1]) is { } data) replies.Add(Status(s, data));
                }
                break;
            case Instruction.SyncWrite when packet.IsBroadcast:
                foreach (var w in packet.Writes())
                    Present().FirstOrDefault(x => x.Id == w.Id)?.Write(w.Address, w.Data);
                break;
        }
        return replies;
    }

    private IEnumerable<EmulatedServo> Present() => _servos.Where(s => !Faults.IsMuted(s.Id));

    private static StatusPacket Status(EmulatedServo s, byte[] data) => new(s.Id, s.Faults, data);

    /// <summary>Writes and ACTIONs are acknowledged when unicast and Response_Status_Level is not 0.</summary>
    private static bool Acknowledges(InstructionPacket packet, EmulatedServo s) =>
        !packet.IsBroadcast && s.Get(Sts3215.ResponseStatusLevel) != 0;

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _protocol.Join();
        _control.Join();
        _pty.Dispose();
    }
}
