using Harness.Robots.Feetech;
using Harness.Robots.Serial;
using Harness.Robots.Virtual.Feetech;
using Harness.Tests.Support;

namespace Harness.Tests.Robots;

/// <summary>
/// A virtual bus of STS3215 servos on a real pty in a temp folder, and our client on it through
/// System.IO.Ports, as a user's program would open a USB adapter.
/// </summary>
public sealed class VirtualBusRig : IDisposable
{
    private readonly TempDir _dir = new("feetech");

    public VirtualBusRig(
        IReadOnlyList<byte>? ids = null,
        IReadOnlyList<ServoTravel>? travel = null,
        IReadOnlyList<double>? initialTicks = null,
        Action<EmulatedServo>? prepare = null,
        double handTicksPerSecond = 1000,
        FeetechBusOptions? busOptions = null)
    {
        ids ??= [1, 2, 3, 4, 5, 6];
        travel ??= ids.Select(_ => new ServoTravel(0, 4095)).ToArray();
        Bus = VirtualFeetechBus.Start(new VirtualFeetechBusOptions
        {
            LinkPath = _dir["bus"],
            Ids = ids,
            Plant = new FirstOrderServoPlant(travel, initialTicks),
            HandTicksPerSecond = handTicksPerSecond,
            Prepare = prepare,
        });
        Client = new FeetechBus(SerialPortLink.Open(Bus.LinkPath), busOptions ?? Patient);
    }

    /// <summary>
    /// Client options for tests that are not about timeouts: the shared test machine can stall a
    /// thread well past LeRobot's 50 ms, which would make such tests flaky, not wrong.
    /// </summary>
    public static readonly FeetechBusOptions Patient = new() { ReplyTimeout = TimeSpan.FromSeconds(1) };

    public VirtualFeetechBus Bus { get; }
    public FeetechBus Client { get; }
    public string Folder => _dir.Path;

    public void Dispose()
    {
        Client.Dispose();
        Bus.Dispose();
        _dir.Dispose();
    }
}
