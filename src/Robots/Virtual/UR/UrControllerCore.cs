using Harness.Robots.UR;
using Harness.Robots.UR.Kinematics;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The virtual controller's state and its 2 ms cycle: registers, robot and safety modes, the running
/// program, RTDE watchdogs, the arm plant and the gripper. Every member is used under <see cref="Sync"/>;
/// the servers and the clock take it for each request and each cycle.
/// </summary>
public sealed class UrControllerCore
{
    public const double Dt = 0.002;
    public const int Registers = 48;

    /// <summary>Joint range of the UR5e: +-360 degrees on every joint.</summary>
    public const double JointLimit = 2 * Math.PI;

    public readonly object Sync = new();

    internal readonly int[] InputInts = new int[Registers];
    internal readonly double[] InputDoubles = new double[Registers];
    internal readonly int[] OutputInts = new int[Registers];
    internal readonly double[] OutputDoubles = new double[Registers];
    internal readonly bool[] InputBits = new bool[128];
    internal readonly bool[] OutputBits = new bool[128];
    internal byte StandardDigitalOutputs;
    internal byte DigitalOutputMask;
    internal uint SpeedSliderMask;

    private readonly Dictionary<string, long> _lastWritten = new();
    private readonly List<(string Field, double Hz, string Action)> _watchdogs = new();
    private readonly UrKinematics _kinematics = UrKinematics.Ur5e;
    private readonly List<string> _programErrors = new();
    private ControllerProgram? _program;
    private UrPlantState _plantState;
    private double[] _targetQ, _targetQd = new double[6];
    private double[] _previousPose;
    private double _modeTimer;
    private UrRobotMode _modeAfterTimer;

    public UrControllerCore(IUrArmPlant plant, VirtualRobotiq gripper, ControllerLog log, VirtualUrOptions options)
    {
        Plant = plant;
        Gripper = gripper;
        Log = log;
        Options = options;
        _plantState = plant.State;
        _targetQ = _plantState.Q.ToArray();
        _previousPose = _kinematics.Forward(_plantState.Q);
        RobotMode = options.InitialRobotMode;
        RemoteControl = options.RemoteControl;
    }

    public IUrArmPlant Plant { get; }
    public VirtualRobotiq Gripper { get; }
    public ControllerLog Log { get; }
    public VirtualUrOptions Options { get; }
    public long Tick { get; private set; }
    public double Time => Tick * Dt;
    public UrRobotMode RobotMode { get; private set; }
    public UrSafetyMode SafetyMode { get; private set; } = UrSafetyMode.Normal;
    public double ProtectiveStopTime { get; private set; }
    public bool RemoteControl { get; set; }

    /// <summary>The pendant's speed slider (target_speed_fraction); below 1 every motion runs slower.</summary>
    public double SpeedFraction { get; set; } = 1.0;

    public string? LoadedProgram { get; private set; }
    public ControllerProgram? Program => _program;
    public UrRuntimeState RuntimeState => _program?.State ?? UrRuntimeState.Stopped;
    public IReadOnlyList<string> ProgramErrors => _programErrors;
    public UrPlantState PlantState => _plantState;

    // ---- inputs written by RTDE clients -------------------------------------------------------

    internal void NoteWritten(string field) => _lastWritten[field] = Tick;

    // ---- programs ----------------------------------------------------------------------------

    public void StartProgram(ControllerProgram program, string source)
    {
        if (_program is { State: not UrRuntimeState.Stopped } running)
            EndProgram($"replaced by {program.Name}");
        _program = program;
        program.State = UrRuntimeState.Playing;
        Log.Add(Time, source, $"start program {program.Name}");
    }

    public void EndProgram(string reason)
    {
        if (_program is null || _program.State == UrRuntimeState.Stopped) return;
        _program.State = UrRuntimeState.Stopped;
        _watchdogs.Clear();
        if (reason.Length > 0) _programErrors.Add($"{Time:0.000} s: program {_program.Name} stopped: {reason}");
    }

    public bool PauseProgram()
    {
        if (_program is not { State: UrRuntimeState.Playing }) return false;
        _program.State = UrRuntimeState.Paused;
        return true;
    }

    public bool ResumeProgram(string source)
    {
        if (_program is not { State: UrRuntimeState.Paused } || !CanMove) return false;
        _program.State = UrRuntimeState.Playing;
        Log.Add(Time, source, $"resume program {_program.Name}");
        return true;
    }

    public void LoadProgram(string name) => LoadedProgram = name;

    private bool CanMove => RobotMode == UrRobotMode.Running && !SafetyMode.StopsMotion();

    // ---- power, brakes, safety ----------------------------------------------------------------

    public void PowerOn(string source)
    {
        if (RobotMode != UrRobotMode.PowerOff || SafetyMode.IsEmergencyStop()) return;
        Log.Add(Time, source, "power on");
        RobotMode = UrRobotMode.PowerOn;
        _modeTimer = Options.PowerOnTime;
        _modeAfterTimer = UrRobotMode.Idle;
    }

    public void PowerOff(string source)
    {
        Log.Add(Time, source, "power off");
        EndProgram("power off");
        RobotMode = UrRobotMode.PowerOff;
        _modeTimer = 0;
    }

    public void BrakeRelease(string source)
    {
        if (RobotMode != UrRobotMode.Idle || SafetyMode.StopsMotion()) return;
        Log.Add(Time, source, "brake release");
        _modeTimer = Options.BrakeReleaseTime;
        _modeAfterTimer = UrRobotMode.Running;
    }

    public void ProtectiveStop(string reason)
    {
        if (SafetyMode.IsEmergencyStop()) return;
        SafetyMode = UrSafetyMode.ProtectiveStop;
        ProtectiveStopTime = Time;
        PauseProgram();
        _programErrors.Add($"{Time:0.000} s: protective stop: {reason}");
    }

    /// <summary>"unlock protective stop": allowed <see cref="VirtualUrOptions.ProtectiveStopUnlockDelay"/> after the stop.</summary>
    public bool UnlockProtectiveStop()
    {
        if (SafetyMode != UrSafetyMode.ProtectiveStop) return true;
        if (Time - ProtectiveStopTime < Options.ProtectiveStopUnlockDelay.TotalSeconds) return false;
        SafetyMode = UrSafetyMode.Normal;
        return true;
    }

    public void EmergencyStop()
    {
        SafetyMode = UrSafetyMode.RobotEmergencyStop;
        EndProgram("emergency stop");
        RobotMode = UrRobotMode.PowerOff;
        Gripper.Unavailable = true;
    }

    /// <summary>The operator releases the e-stop button and resets it: safety normal, arm still off.</summary>
    public void ReleaseEmergencyStop()
    {
        if (!SafetyMode.IsEmergencyStop()) return;
        SafetyMode = UrSafetyMode.Normal;
        Gripper.Unavailable = false;
    }

    // ---- statements of a program (called from its body, under Sync) ----------------------------

    public int ReadInputInt(int n) => InputInts[n];
    public double ReadInputDouble(int n) => InputDoubles[n];
    public void WriteOutputInt(int n, int value) => OutputInts[n] = value;
    public int ReadOutputInt(int n) => OutputInts[n];

    /// <summary>rtde_set_watchdog: the action runs when <paramref name="field"/> is not written for 1/<paramref name="hz"/> s.</summary>
    public void SetWatchdog(string field, double hz, string action)
    {
        if (action is not ("stop" or "pause" or "ignore"))
            throw new ScriptRuntimeException($"rtde_set_watchdog: action '{action}' is not ignore, pause or stop");
        _watchdogs.RemoveAll(w => w.Field == field);
        _watchdogs.Add((field, hz, action));
        _lastWritten[field] = Tick;
    }

    /// <summary>servoj: blocks for t (stretched by the speed slider) with the target in force.</summary>
    public IEnumerable<ServoTarget?> Servoj(double[] q, double t, double lookahead, double gain, string source)
    {
        if (!(t > 0)) throw new ScriptRuntimeException($"servoj: t = {t} must be positive");
        if (lookahead is < 0.03 or > 0.2) throw new ScriptRuntimeException($"servoj: lookahead_time {lookahead} is outside [0.03, 0.2]");
        if (gain is < 100 or > 2000) throw new ScriptRuntimeException($"servoj: gain {gain} is outside [100, 2000]");
        if (OutOfReach(q, "servoj") is { } whyServo) { ProtectiveStop(whyServo); yield return null; throw new ScriptRuntimeException(whyServo); }
        Log.Add(Time, source, FormattableString.Invariant($"servoj q=[{Fmt(q)}] t={t} lookahead={lookahead} gain={gain}"));
        var target = new ServoTarget(q, t / SpeedFraction, lookahead, gain);
        for (double elapsed = 0; elapsed < t - 1e-12; elapsed += Dt * SpeedFraction) yield return target;
    }

    /// <summary>movej: a synchronised trapezoidal profile, slowed by the speed slider.</summary>
    public IEnumerable<ServoTarget?> Movej(double[] q, double acceleration, double speed, string source)
    {
        if (!(speed > 0) || !(acceleration > 0)) throw new ScriptRuntimeException($"movej: v = {speed}, a = {acceleration} must be positive");
        if (OutOfReach(q, "movej") is { } whyMove) { ProtectiveStop(whyMove); yield return null; throw new ScriptRuntimeException(whyMove); }
        Log.Add(Time, source, FormattableString.Invariant($"movej q=[{Fmt(q)}] a={acceleration} v={speed}"));
        foreach (var setpoint in JointMotion.MoveJ(_targetQ.ToArray(), q, speed, acceleration, Dt, () => SpeedFraction))
            yield return new ServoTarget(setpoint, Dt, 0.03, 2000);
    }

    /// <summary>stopj: decelerates every joint to rest together.</summary>
    public IEnumerable<ServoTarget?> Stopj(double deceleration, string source)
    {
        Log.Add(Time, source, FormattableString.Invariant($"stopj a={deceleration}"));
        foreach (var setpoint in JointMotion.StopJ(_plantState.Q, _plantState.Qd, deceleration, Dt))
            yield return new ServoTarget(setpoint, Dt, 0.03, 2000);
    }

    /// <summary>Why <paramref name="q"/> is out of the arm's reach (a protective stop on a real arm), or null.</summary>
    private static string? OutOfReach(double[] q, string what)
    {
        for (int j = 0; j < 6; j++)
            if (!double.IsFinite(q[j]) || Math.Abs(q[j]) > JointLimit)
                return $"{what} target joint {j} = {q[j]:0.###} rad is outside the joint limit +-{JointLimit:0.###} rad";
        return null;
    }

    private static string Fmt(double[] q) => string.Join(", ", q.Select(v => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));

    // ---- the cycle ----------------------------------------------------------------------------

    /// <summary>One 2 ms controller cycle. Call under <see cref="Sync"/>.</summary>
    public ControllerSnapshot Step()
    {
        if (_modeTimer > 0)
        {
            _modeTimer -= Dt;
            if (_modeTimer <= 0) RobotMode = _modeAfterTimer;
        }
        CheckWatchdogs();

        ServoTarget? target = null;
        if (_program is { State: UrRuntimeState.Playing } program && CanMove)
        {
            try
            {
                if (!program.Step(this, out target)) EndProgram("");
            }
            catch (ScriptRuntimeException ex)
            {
                EndProgram($"runtime error: {ex.Message}");
                target = null;
            }
        }
        else if (_program is { State: UrRuntimeState.Playing } && !CanMove)
        {
            PauseProgram();
        }

        _plantState = Plant.Step(CanMove ? target : null, Dt);
        var newTarget = target?.Q ?? _plantState.Q;
        for (int j = 0; j < 6; j++) _targetQd[j] = (newTarget[j] - _targetQ[j]) / Dt;
        _targetQ = newTarget.ToArray();
        Gripper.Tick(Dt);
        Tick++;
        return Snapshot();
    }

    private void CheckWatchdogs()
    {
        foreach (var (field, hz, action) in _watchdogs.ToArray())
        {
            long since = Tick - _lastWritten.GetValueOrDefault(field, Tick);
            if (since * Dt <= 1.0 / hz || action == "ignore") continue;
            string why = FormattableString.Invariant($"RTDE watchdog: {field} not written for {since * Dt * 1000:0} ms (minimum frequency {hz} Hz)");
            if (action == "stop") EndProgram(why);
            else { PauseProgram(); _programErrors.Add($"{Time:0.000} s: {why}: program paused"); _watchdogs.RemoveAll(w => w.Field == field); }
        }
    }

    private ControllerSnapshot Snapshot()
    {
        var pose = _kinematics.Forward(_plantState.Q);
        var speed = new double[6];
        for (int k = 0; k < 6; k++) speed[k] = (pose[k] - _previousPose[k]) / Dt;
        _previousPose = pose;
        ulong digital = StandardDigitalOutputs;
        return new ControllerSnapshot(
            Tick, Time,
            _plantState.Q.ToArray(), _plantState.Qd.ToArray(), _targetQ.ToArray(), _targetQd.ToArray(),
            pose, _kinematics.Forward(_targetQ), speed, _kinematics.Origin(_plantState.Q, 2),
            RobotMode, SafetyMode, RuntimeState, SpeedFraction,
            SpeedFraction,
            digital,
            InputInts.ToArray(), InputDoubles.ToArray(), InputBits.ToArray(),
            OutputInts.ToArray(), OutputDoubles.ToArray(), OutputBits.ToArray());
    }
}
