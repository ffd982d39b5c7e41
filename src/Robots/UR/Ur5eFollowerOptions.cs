using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Robots.Operators;

namespace Harness.Robots.UR;

/// <summary>Everything a real UR5e + 2F-85 episode needs.</summary>
public sealed record Ur5eFollowerOptions
{
    /// <summary>Controller address, ports, dry run, safety guard.</summary>
    public required UrRobotOptions Robot { get; init; }

    /// <summary>The simulated UR5e's spec (7 elements: six joints in rad, the gripper 0..1); its keys, limits, rate and step limit become the real arm's.</summary>
    public required RobotSpec TwinSpec { get; init; }

    public required TaskSchema Schema { get; init; }
    public required string TaskText { get; init; }

    /// <summary>Where each episode starts (7 values), reached by a slow moveJ before the operator resets the scene.</summary>
    public required IReadOnlyList<double> StartPose { get; init; }

    public required IOperator Operator { get; init; }
    public required IOutcomeLabeler Labeler { get; init; }

    /// <summary>moveJ to the start pose: joint speed (rad/s) and acceleration (rad/s^2), and how long it may take.</summary>
    public double MoveSpeed { get; init; } = 0.5;
    public double MoveAcceleration { get; init; } = 1.0;
    public TimeSpan MoveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The robot's cameras (owned by the follower from now on); null: none.</summary>
    public Cameras.CameraSet? Cameras { get; init; }

    /// <summary>The simulated twin: pre-flight probes come from its reset states instead of moving the arm.</summary>
    public Twin.ISimulatedTwin? Twin { get; init; }

    public IResetGuide? ResetGuide { get; init; }
    public string? ResetImageDirectory { get; init; }

    /// <summary>Where dry-run, warning and safety messages go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
