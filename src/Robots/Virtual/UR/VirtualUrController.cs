using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// A UR controller on 127.0.0.1 for tests, benches and `harness sim-ur`: RTDE, dashboard, secondary
/// and realtime (program upload) and the Robotiq URCap socket, around one controller core cycling at
/// 500 Hz. Faults can be injected; every motion command lands in <see cref="Log"/>.
/// </summary>
public sealed class VirtualUrController : IDisposable
{
    private readonly ControllerClock _clock;
    private readonly List<string> _refusals = new();

    private VirtualUrController(VirtualUrOptions options)
    {
        Options = options;
        Log = new ControllerLog(options.LogPath);
        var plant = options.Plant?.Invoke(options) ?? new KinematicUrPlant(options.InitialQ);
        var gripper = new VirtualRobotiq(options.GripperPlant?.Invoke() ?? new KinematicGripperPlant());
        Core = new UrControllerCore(plant, gripper, Log, options);
        var ports = options.Ports;
        var version = ParseVersion(options.ControllerVersion);
        var started = new List<IDisposable>();
        try
        {
            Rtde = new RtdeServer(Core, ports.Rtde, version); started.Add(Rtde);
            Dashboard = new DashboardServer(Core, ports.Dashboard); started.Add(Dashboard);
            Secondary = new SecondaryServer(Core, ports.Secondary, "secondary interface", _refusals); started.Add(Secondary);
            Realtime = new SecondaryServer(Core, ports.Realtime, "realtime interface", _refusals); started.Add(Realtime);
            Gripper = new RobotiqServer(Core, ports.Gripper); started.Add(Gripper);
        }
        catch
        {
            foreach (var s in started) s.Dispose();
            Log.Dispose();
            throw;
        }
        Ports = new UrPorts(Dashboard.Port, Secondary.Port, Realtime.Port, Rtde.Port, Gripper.Port);
        _clock = new ControllerClock(Cycle, options.PreciseClock);
    }

    /// <summary>Starts listening and cycling. Port 0 in <see cref="VirtualUrOptions.Ports"/> picks free ports (see <see cref="Ports"/>).</summary>
    public static VirtualUrController Start(VirtualUrOptions? options = null) => new(options ?? new VirtualUrOptions());

    public VirtualUrOptions Options { get; }
    public UrPorts Ports { get; }
    public UrControllerCore Core { get; }
    public ControllerLog Log { get; }
    public RtdeServer Rtde { get; }
    public DashboardServer Dashboard { get; }
    public SecondaryServer Secondary { get; }
    public SecondaryServer Realtime { get; }
    public RobotiqServer Gripper { get; }
    public long SkippedCycles => _clock.SkippedCycles;

    /// <summary>Programs and statements the controller would not run, with the reason.</summary>
    public IReadOnlyList<string> Refusals
    {
        get { lock (Core.Sync) return _refusals.ToArray(); }
    }

    public IReadOnlyList<string> ProgramErrors
    {
        get { lock (Core.Sync) return Core.ProgramErrors.ToArray(); }
    }

    public ControllerSnapshot? Latest { get; private set; }

    private void Cycle()
    {
        ControllerSnapshot s;
        lock (Core.Sync) s = Core.Step();
        Latest = s;
        Rtde.Publish(s);
    }

    /// <summary>Runs <paramref name="action"/> on the core under its lock (test set-up, fault injection).</summary>
    public T With<T>(Func<UrControllerCore, T> action)
    {
        lock (Core.Sync) return action(Core);
    }

    public void With(Action<UrControllerCore> action)
    {
        lock (Core.Sync) action(Core);
    }

    // ---- faults --------------------------------------------------------------------------------

    public void ProtectiveStop(string reason = "injected fault") => With(c => c.ProtectiveStop(reason));
    public void EmergencyStop() => With(c => c.EmergencyStop());
    public void ReleaseEmergencyStop() => With(c => c.ReleaseEmergencyStop());

    /// <summary>Every open connection closes at once (network loss); the controller keeps listening.</summary>
    public void DropConnections()
    {
        Rtde.DropAll();
        Dashboard.DropAll();
        Secondary.DropAll();
        Realtime.DropAll();
        Gripper.DropAll();
    }

    /// <summary>
    /// A controller short of time: replies come <paramref name="replyDelay"/> late, only every
    /// <paramref name="outputEvery"/>-th output package is sent, each cycle takes <paramref name="cycleDelay"/> longer.
    /// </summary>
    public void SlowDown(TimeSpan replyDelay, int outputEvery, TimeSpan cycleDelay = default)
    {
        Rtde.ReplyDelay = replyDelay;
        Dashboard.ReplyDelay = replyDelay;
        Rtde.OutputEvery = Math.Max(1, outputEvery);
        _clock.ExtraDelay = cycleDelay;
    }

    private static Harness.Robots.UR.Rtde.ControllerVersion ParseVersion(string v)
    {
        var p = v.Split('.').Select(uint.Parse).Concat(Enumerable.Repeat(0u, 4)).Take(4).ToArray();
        return new Harness.Robots.UR.Rtde.ControllerVersion(p[0], p[1], p[2], p[3]);
    }

    public void Dispose()
    {
        _clock.Dispose();
        Gripper.Dispose();
        Realtime.Dispose();
        Secondary.Dispose();
        Dashboard.Dispose();
        Rtde.Dispose();
        Log.Dispose();
    }
}
