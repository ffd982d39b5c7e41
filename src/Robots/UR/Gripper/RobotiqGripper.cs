using System.Diagnostics;

namespace Harness.Robots.UR.Gripper;

/// <summary>
/// A Robotiq 2F-85 through the URCap socket: activation, position commands (0 open .. 255 closed),
/// object detection (OBJ) and faults (FLT).
/// </summary>
public sealed class RobotiqGripper(RobotiqSocket socket) : IDisposable
{
    public RobotiqSocket Socket { get; } = socket;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    public static RobotiqGripper Connect(string host, int port, TimeSpan? timeout = null) => new(RobotiqSocket.Connect(host, port, timeout));

    /// <summary>
    /// Reads OBJ before POS: once OBJ says the motion ended, the position read after it is final
    /// (the five GETs are separate requests, not one snapshot).
    /// </summary>
    public RobotiqStatus Status()
    {
        var obj = (RobotiqObjectStatus)Socket.Get("OBJ");
        return new RobotiqStatus(Socket.Get("POS"), Socket.Get("PRE"), obj, Socket.Get("STA"), Socket.Get("FLT"));
    }

    /// <summary>
    /// The URCap's activation sequence: ACT=0 and ATR=0 until STA reads 0 (reset), then ACT=1 and wait
    /// for STA 3 (the fingers travel to find their limits). Does nothing when already active
    /// unless <paramref name="force"/>.
    /// </summary>
    public void Activate(TimeSpan timeout, bool force = false)
    {
        if (!force && Socket.Get("STA") == 3) return;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Socket.Set(("ACT", 0), ("ATR", 0));
            if (Socket.Get("ACT") == 0 && Socket.Get("STA") == 0) break;
            Wait(deadline, "reset (STA 0) before activation", timeout);
        }
        Socket.Set(("ACT", 1));
        while (Socket.Get("STA") != 3)
        {
            int flt = Socket.Get("FLT");
            if (RobotiqFaults.IsMajor(flt))
                throw new RobotiqException($"gripper at {Socket.Endpoint} faulted during activation: FLT 0x{flt:X2}, {RobotiqFaults.Describe(flt)}.");
            Wait(deadline, "activation (STA 3)", timeout);
        }
    }

    /// <summary>Starts a motion to <paramref name="position"/> (0 open .. 255 closed); returns at once.</summary>
    public void Move(int position, int speed = 255, int force = 100)
    {
        Check(position, nameof(position));
        Check(speed, nameof(speed));
        Check(force, nameof(force));
        Socket.Set(("POS", position), ("SPE", speed), ("FOR", force), ("GTO", 1));
    }

    /// <summary>Moves and waits until the motion ends (OBJ not 0); returns the final status.</summary>
    public RobotiqStatus MoveAndWait(int position, TimeSpan timeout, int speed = 255, int force = 100)
    {
        Move(position, speed, force);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        // PRE echoes the request once the gripper has taken it; before that OBJ still describes the last motion.
        while (Socket.Get("PRE") != position) Wait(deadline, $"the gripper to take position request {position}", timeout);
        while (true)
        {
            var s = Status();
            if (RobotiqFaults.IsMajor(s.Fault))
                throw new RobotiqException($"gripper at {Socket.Endpoint} faulted: FLT 0x{s.Fault:X2}, {RobotiqFaults.Describe(s.Fault)}. Activate it again.");
            if (s.Object != RobotiqObjectStatus.Moving) return s;
            Wait(deadline, $"the motion to {position} to end", timeout);
        }
    }

    private static void Check(int v, string name)
    {
        if (v is < 0 or > 255) throw new ArgumentOutOfRangeException(name, v, $"{name} is a gripper register value 0..255.");
    }

    private void Wait(long deadline, string what, TimeSpan timeout)
    {
        if (Stopwatch.GetTimestamp() > deadline)
            throw new RobotiqException($"gripper at {Socket.Endpoint}: timed out after {timeout.TotalSeconds:0.#} s waiting for {what}. Check the gripper's LED and the URCap's status page.");
        Thread.Sleep(PollInterval);
    }

    public void Dispose() => Socket.Dispose();
}
