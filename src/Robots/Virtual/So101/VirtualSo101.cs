using Harness.Robots.Operators;
using Harness.Robots.So101;
using Harness.Robots.Virtual.Feetech;
using Harness.Robots.Virtual.Operator;

namespace Harness.Robots.Virtual.So101;

/// <summary>How to build a virtual SO-101.</summary>
public sealed record VirtualSo101Options
{
    public required string LinkPath { get; init; }

    /// <summary>The physics; by default a <see cref="FirstOrderServoPlant"/> over <see cref="VirtualSo101.DefaultTravel"/>.</summary>
    public IServoPlant? Plant { get; init; }

    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromMilliseconds(5);
    public double HandTicksPerSecond { get; init; } = 1000;

    /// <summary>How long the operator holds a joint at each end of its range while sweeping.</summary>
    public TimeSpan SweepDwell { get; init; } = TimeSpan.FromMilliseconds(250);

    public Action<EmulatedServo>? Prepare { get; init; }

    /// <summary>The world around the arm (objects per episode, outcomes by physics); null: an arm alone.</summary>
    public IRigScene? Scene { get; init; }
}

/// <summary>
/// A virtual SO-101 follower: six emulated STS3215 (ids 1-6) on a pty linked at
/// <see cref="VirtualSo101Options.LinkPath"/>, and an operator channel at <c>&lt;link&gt;.operator</c>
/// through which an automated operator can ask the rig to do what a person would.
/// </summary>
public sealed class VirtualSo101 : IDisposable
{
    /// <summary>
    /// Joint travel in encoder ticks (servo frame, before homing), shaped like a real SO-101's
    /// calibrations; the middles differ from 2047 so homing offsets are not trivially zero.
    /// </summary>
    public static readonly IReadOnlyList<ServoTravel> DefaultTravel =
    [
        new(750, 3350),   // shoulder_pan
        new(820, 3180),   // shoulder_lift
        new(880, 3100),   // elbow_flex
        new(850, 3250),   // wrist_flex
        new(0, 4095),     // wrist_roll (full turn)
        new(1980, 3420),  // gripper
    ];

    private readonly OperatorChannelServer _channel;

    private VirtualSo101(VirtualFeetechBus bus, OperatorChannelServer channel)
    {
        Bus = bus;
        _channel = channel;
    }

    public static VirtualSo101 Start(VirtualSo101Options options)
    {
        var bus = VirtualFeetechBus.Start(new VirtualFeetechBusOptions
        {
            LinkPath = options.LinkPath,
            Ids = So101Motors.Follower().Select(m => m.Id).ToArray(),
            Plant = options.Plant ?? new FirstOrderServoPlant(DefaultTravel),
            TickPeriod = options.TickPeriod,
            HandTicksPerSecond = options.HandTicksPerSecond,
            Prepare = options.Prepare,
        });
        try
        {
            var rigOperator = new RigOperator(bus, options.SweepDwell, options.Scene);
            var channel = OperatorChannelServer.Start(OperatorChannel.SocketPath(bus.LinkPath), rigOperator.Handle);
            return new VirtualSo101(bus, channel);
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    public VirtualFeetechBus Bus { get; }
    public string LinkPath => Bus.LinkPath;
    public string OperatorSocketPath => _channel.SocketPath;

    private bool _disposed;

    /// <summary>Stops the rig: clients see the bus vanish. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _channel.Dispose();
        Bus.Dispose();
    }
}
