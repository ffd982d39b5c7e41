using System.Diagnostics;
using Harness.Robots.UR.Rtde;
using Harness.Robots.UR.Safety;
using Harness.Robots.UR.Script;

namespace Harness.Robots.UR.Motion;

/// <summary>
/// A UR arm driven through RTDE and our servo program: state at the output recipe's rate, moveJ for
/// slow moves, servoJ targets streamed at the caller's rate. Every motion call first checks the newest
/// state and throws the typed error for a protective stop, an emergency stop, a stopped program or a
/// stalled stream.
/// </summary>
public sealed class UrArm : IDisposable
{
    private readonly RtdeRecipe _inputs;
    private readonly UrArmOptions _options;
    private UrRobotState? _last;
    private int _requestId;
    private bool _programStarted;
    private Timer? _keepAlive;
    private volatile object[]? _holdPackage;
    private readonly object _sendLock = new();

    private UrArm(UrArmOptions options, RtdeClient rtde, RtdeRecipe inputs, ControllerVersion version)
    {
        _options = options;
        Rtde = rtde;
        _inputs = inputs;
        ControllerVersion = version;
        Monitor = new UrStateMonitor(options.MaxStateAge, Where);
    }

    public RtdeClient Rtde { get; }

    /// <summary>Checks every state used for motion (safety stops, stale stream, speed slider warnings).</summary>
    public UrStateMonitor Monitor { get; }
    public ControllerVersion ControllerVersion { get; }
    public string Where => $"UR controller {_options.Host}";

    /// <summary>Connects RTDE, sets up the state and servo recipes and starts synchronisation. Moves nothing.</summary>
    public static UrArm Connect(UrArmOptions options)
    {
        var rtde = RtdeClient.Connect(options.Host, options.Ports.Rtde, options.ConnectTimeout);
        try
        {
            var version = rtde.GetControllerVersion();
            rtde.SetupOutputs(UrStateRecipe.Fields, options.OutputFrequency);
            var inputs = rtde.SetupInputs(ServoProtocol.InputFields);
            rtde.Start();
            var arm = new UrArm(options, rtde, inputs, version);
            arm.NextState(options.ConnectTimeout);
            return arm;
        }
        catch { rtde.Dispose(); throw; }
    }

    /// <summary>The newest state (waiting up to <paramref name="timeout"/> when none arrived since the last call).</summary>
    public UrRobotState NextState(TimeSpan timeout)
    {
        var s = UrStateRecipe.Decode(Rtde.Latest(timeout));
        _last = s;
        return s;
    }

    /// <summary>The newest state without waiting.</summary>
    public UrRobotState CurrentState()
    {
        var p = Rtde.TryLatest();
        if (p is not null) _last = UrStateRecipe.Decode(p);
        return _last ?? NextState(_options.ConnectTimeout);
    }

    /// <summary>
    /// Uploads the servo program to the secondary interface and waits until it reports Ready with this
    /// session's id (so registers left by an earlier run cannot pass for a fresh start).
    /// </summary>
    public void StartProgram()
    {
        var s = CurrentState();
        Monitor.Check(s);
        if (s.RobotMode != UrRobotMode.Running)
            throw new UrProgramNotRunningException($"{Where}: the arm is not ready to move (robot mode {UrModeNames.ToDashboard(s.RobotMode)}). " +
                "Power it on and release the brakes first (teach pendant, or dashboard 'power on' then 'brake release').");

        _requestId = Random.Shared.Next(1, int.MaxValue / 2);
        var idle = ServoProtocol.InputValues(ServoCommand.Idle, _requestId, s.ActualQ);
        Rtde.Send(_inputs, idle);
        using var secondary = SecondaryConnection.Connect(_options.Host, _options.Ports.Secondary, _options.ConnectTimeout);
        secondary.SendProgram(ServoScript.Render(_options.WatchdogHz));

        var deadline = Stopwatch.GetTimestamp() + (long)(_options.ProgramStartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Rtde.Send(_inputs, idle);
            s = NextState(TimeSpan.FromMilliseconds(200));
            Monitor.Check(s);
            if (ProgramReady(s)) break;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new UrProgramNotRunningException(
                    $"{Where}: the harness servo program did not report Ready within {_options.ProgramStartTimeout.TotalSeconds:0.#} s of its upload to {secondary.Endpoint} " +
                    $"(runtime_state {s.RuntimeState}, output_int_register_0..2 = {string.Join(", ", s.OutputIntRegisters)}; expected PLAYING, 1, {_requestId}, {ServoProtocol.Version}). " +
                    "Check that the controller is in Remote Control, and the pendant's log for a script error; try the program in URSim first (src/Robots/README.md).");
            Thread.Sleep(4);
        }
        _programStarted = true;
        Hold(idle);
    }

    /// <summary>
    /// While the arm holds (after StartProgram, MoveJ, Idle) a timer resends the hold command at four
    /// times the watchdog frequency, so waiting (a policy's first inference, an operator) does not stop
    /// the program. Streaming servoJ stops it: then only the caller's targets feed the watchdog, and the
    /// program stops when they stop arriving.
    /// </summary>
    private void Hold(object[] package)
    {
        _holdPackage = package;
        _keepAlive ??= new Timer(_ =>
        {
            lock (_sendLock)
            {
                if (_holdPackage is not { } p || !Rtde.IsConnected || !Rtde.IsStarted) return;
                try { Rtde.Send(_inputs, p); }
                catch (Exception ex) when (ex is RtdeException or InvalidOperationException) { }
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(0.25 / _options.WatchdogHz));
    }

    private bool ProgramReady(UrRobotState s) =>
        s.RuntimeState == UrRuntimeState.Playing
        && s.OutputIntRegisters[ServoProtocol.VersionOutputInt] == ServoProtocol.Version
        && s.OutputIntRegisters[ServoProtocol.DoneIdOutputInt] == _requestId
        && s.OutputIntRegisters[ServoProtocol.StateOutputInt] == (int)ServoProgramState.Ready;

    /// <summary>A joint move at <paramref name="speed"/> rad/s; blocks until the program reports it done.</summary>
    public UrRobotState MoveJ(IReadOnlyList<double> q, double speed, double acceleration, TimeSpan timeout)
    {
        CheckJoints(q);
        if (!(speed is > 0 and <= Math.PI)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "moveJ speed must lie in (0, pi] rad/s.");
        if (!(acceleration is > 0 and <= 40)) throw new ArgumentOutOfRangeException(nameof(acceleration), acceleration, "moveJ acceleration must lie in (0, 40] rad/s^2.");
        RequireHealthy(CurrentState(), "moveJ");
        int id = ++_requestId;
        lock (_sendLock) _holdPackage = null;
        var values = ServoProtocol.InputValues(ServoCommand.MoveJ, id, q, speed, acceleration);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        UrRobotState s;
        while (true)
        {
            // Re-sending the request feeds the watchdog; the program acts on a new id once.
            Rtde.Send(_inputs, values);
            s = NextState(_options.MaxStateAge);
            RequireHealthy(s, "moveJ");
            if (s.OutputIntRegisters[ServoProtocol.DoneIdOutputInt] == id) break;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{Where}: moveJ to [{Format(q)}] did not finish within {timeout.TotalSeconds:0.#} s (arm at [{Format(s.ActualQ)}]).");
            Thread.Sleep(8);
        }
        var idle = ServoProtocol.InputValues(ServoCommand.Idle, id, q);
        Rtde.Send(_inputs, idle);
        Hold(idle);
        return s;
    }

    /// <summary>
    /// Sends one servoj target (held by the program until the next one); t is the time the controller
    /// takes to reach it, normally the caller's period.
    /// </summary>
    public void ServoJ(IReadOnlyList<double> q, double time, double lookahead = 0.1, double gain = 300)
    {
        CheckJoints(q);
        if (!(time is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(time), time, "servoj time must lie in (0, 1] s (normally the streaming period).");
        if (lookahead is < ServoProtocol.MinLookahead or > ServoProtocol.MaxLookahead)
            throw new ArgumentOutOfRangeException(nameof(lookahead), lookahead, $"servoj lookahead must lie in [{ServoProtocol.MinLookahead}, {ServoProtocol.MaxLookahead}] s.");
        if (gain is < ServoProtocol.MinGain or > ServoProtocol.MaxGain)
            throw new ArgumentOutOfRangeException(nameof(gain), gain, $"servoj gain must lie in [{ServoProtocol.MinGain}, {ServoProtocol.MaxGain}].");
        RequireHealthy(CurrentState(), "servoJ");
        var package = ServoProtocol.InputValues(ServoCommand.ServoJ, _requestId, q, servoTime: time, lookahead: lookahead, gain: gain);
        lock (_sendLock)
        {
            _holdPackage = null;
            Rtde.Send(_inputs, package);
        }
    }

    /// <summary>Stops streaming: the program decelerates (stopj) and holds, reporting Ready.</summary>
    public void Idle()
    {
        var idle = ServoProtocol.InputValues(ServoCommand.Idle, _requestId, CurrentState().ActualQ);
        Rtde.Send(_inputs, idle);
        Hold(idle);
    }

    /// <summary>Ends the servo program and waits until the controller reports it stopped.</summary>
    public void StopProgram(TimeSpan timeout)
    {
        if (!_programStarted) return;
        lock (_sendLock) _holdPackage = null;
        var stop = ServoProtocol.InputValues(ServoCommand.Stop, _requestId, CurrentState().ActualQ);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Rtde.Send(_inputs, stop);
            var s = NextState(TimeSpan.FromMilliseconds(200));
            if (s.RuntimeState != UrRuntimeState.Playing) break;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{Where}: the servo program did not end within {timeout.TotalSeconds:0.#} s of the stop command; stop it on the pendant.");
            Thread.Sleep(4);
        }
        _programStarted = false;
    }

    private void RequireHealthy(UrRobotState s, string doing)
    {
        Monitor.Check(s);
        if (!_programStarted)
            throw new UrProgramNotRunningException($"{Where} ({doing}): the servo program is not started; call StartProgram() first.");
        if (s.RuntimeState != UrRuntimeState.Playing || s.OutputIntRegisters[ServoProtocol.VersionOutputInt] != ServoProtocol.Version)
        {
            _programStarted = false;
            throw new UrProgramNotRunningException(
                $"{Where} ({doing}): the harness servo program is no longer running (runtime_state {s.RuntimeState}). " +
                $"The RTDE watchdog stops it when no input package arrives for {1000 / _options.WatchdogHz:0} ms; a stop on the pendant or dashboard, " +
                "or a script error, also ends it. Start it again before sending motion.");
        }
    }

    private static void CheckJoints(IReadOnlyList<double> q)
    {
        if (q.Count != 6) throw new ArgumentException($"a UR joint target has 6 values; got {q.Count}.");
        for (int i = 0; i < 6; i++)
            if (!double.IsFinite(q[i])) throw new ArgumentException($"joint {i} target is {q[i]}; targets must be finite.");
    }

    private static string Format(IReadOnlyList<double> q) => string.Join(", ", q.Select(v => v.ToString("0.###")));

    public void Dispose()
    {
        _holdPackage = null;
        _keepAlive?.Dispose();
        Rtde.Dispose();
    }
}
