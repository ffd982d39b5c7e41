using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>How a virtual UR controller starts.</summary>
public sealed record VirtualUrOptions
{
    /// <summary>The ports it listens on (127.0.0.1); <see cref="UrPorts.WithOffset"/> for --port-offset.</summary>
    public UrPorts Ports { get; init; } = UrPorts.Default;

    /// <summary>Joint angles at start (rad): a ready pose above the table.</summary>
    public double[] InitialQ { get; init; } = [0, -Math.PI / 2, Math.PI / 2, -Math.PI / 2, -Math.PI / 2, 0];

    /// <summary>RUNNING: powered with brakes released, as an operator leaves it before an evaluation.</summary>
    public UrRobotMode InitialRobotMode { get; init; } = UrRobotMode.Running;

    public bool RemoteControl { get; init; } = true;

    /// <summary>Program files "load" accepts.</summary>
    public IReadOnlySet<string> Programs { get; init; } = new HashSet<string> { "harness_idle.urp" };

    public string ControllerVersion { get; init; } = "5.15.0.0";

    public double PowerOnTime { get; init; } = 0.5;
    public double BrakeReleaseTime { get; init; } = 0.5;
    public TimeSpan ProtectiveStopUnlockDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Spin the last part of each 2 ms cycle for low jitter (costs CPU); otherwise sleep only.</summary>
    public bool PreciseClock { get; init; }

    /// <summary>Append every motion command to this file as well (see <see cref="ControllerLog"/>).</summary>
    public string? LogPath { get; init; }

    /// <summary>The arm; a <see cref="KinematicUrPlant"/> at <see cref="InitialQ"/> when null.</summary>
    public Func<VirtualUrOptions, IUrArmPlant>? Plant { get; init; }

    /// <summary>The gripper fingers; a <see cref="KinematicGripperPlant"/> when null.</summary>
    public Func<IGripperPlant>? GripperPlant { get; init; }
}
