namespace Harness.Robots.UR.Script;

/// <summary>Commands written to <c>input_int_register_0</c>.</summary>
public enum ServoCommand
{
    /// <summary>Hold still (a running servo motion is stopped with stopj(2.0)); the program reports Ready.</summary>
    Idle = 0,
    /// <summary>movej to doubles 0-5 at speed double 6, acceleration double 7, once per new id in int 1.</summary>
    MoveJ = 1,
    /// <summary>servoj to doubles 0-5 with t, lookahead, gain in doubles 8-10, every loop.</summary>
    ServoJ = 2,
    /// <summary>Leave the loop and end the program.</summary>
    Stop = 3,
}

/// <summary>What the program reports in <c>output_int_register_0</c>.</summary>
public enum ServoProgramState
{
    /// <summary>Not running (never started, ended by Stop, or registers from before the program).</summary>
    Stopped = 0,
    Ready = 1,
    MovingJ = 2,
    Servoing = 3,
}

/// <summary>
/// The register protocol of <c>harness_servo.script</c> (protocol 1), shared by the client that
/// drives it and the virtual controller that executes it.
/// <list type="bullet">
/// <item>inputs: int 0 command (<see cref="ServoCommand"/>), int 1 moveJ request id;
/// doubles 0-5 joint target (rad), 6 moveJ speed (rad/s), 7 moveJ acceleration (rad/s^2),
/// 8 servoj t (s), 9 servoj lookahead (s), 10 servoj gain.</item>
/// <item>outputs: int 0 state (<see cref="ServoProgramState"/>), int 1 id of the last finished moveJ
/// (the program copies int 1 here when it starts), int 2 protocol version (1) once running.</item>
/// <item>watchdog: the program stops when no input package writes int 0 for 1/<c>WATCHDOG_HZ</c> s.</item>
/// </list>
/// Every input package carries all of these fields, so the controller applies a command and its
/// arguments in the same cycle.
/// </summary>
public static class ServoProtocol
{
    public const int Version = 1;
    public const int CommandInt = 0;
    public const int RequestIdInt = 1;
    public const int StateOutputInt = 0;
    public const int DoneIdOutputInt = 1;
    public const int VersionOutputInt = 2;
    public const int TargetDouble = 0;
    public const int SpeedDouble = 6;
    public const int AccelerationDouble = 7;
    public const int ServoTimeDouble = 8;
    public const int LookaheadDouble = 9;
    public const int GainDouble = 10;
    public const int DoubleCount = 11;

    /// <summary>The watchdog watches this input (the command register, present in every package).</summary>
    public const string WatchdogField = "input_int_register_0";

    /// <summary>The input recipe, in the order <see cref="InputValues"/> fills it.</summary>
    public static IReadOnlyList<string> InputFields { get; } =
    [
        "input_int_register_0", "input_int_register_1",
        .. Enumerable.Range(0, DoubleCount).Select(i => $"input_double_register_{i}"),
    ];

    /// <summary>servoj's documented ranges (URScript manual): lookahead 0.03..0.2 s, gain 100..2000.</summary>
    public const double MinLookahead = 0.03, MaxLookahead = 0.2, MinGain = 100, MaxGain = 2000;

    public static object[] InputValues(ServoCommand command, int requestId, IReadOnlyList<double> q,
        double speed = 0, double acceleration = 0, double servoTime = 0, double lookahead = 0, double gain = 0)
    {
        if (q.Count != 6) throw new ArgumentException($"a UR joint target has 6 values; got {q.Count}.");
        var v = new object[2 + DoubleCount];
        v[0] = (int)command;
        v[1] = requestId;
        for (int i = 0; i < 6; i++) v[2 + TargetDouble + i] = q[i];
        v[2 + SpeedDouble] = speed;
        v[2 + AccelerationDouble] = acceleration;
        v[2 + ServoTimeDouble] = servoTime;
        v[2 + LookaheadDouble] = lookahead;
        v[2 + GainDouble] = gain;
        return v;
    }
}
