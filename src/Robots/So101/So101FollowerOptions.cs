using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;

namespace Harness.Robots.So101;

/// <summary>Everything a real SO-101 follower episode needs.</summary>
public sealed record So101FollowerOptions
{
    /// <summary>The serial port (a USB adapter, or a virtual bus's link).</summary>
    public required string Port { get; init; }

    public required ArmCalibration Calibration { get; init; }

    /// <summary>
    /// The simulated SO-101's spec: its joint keys, units and limits, control rate and step limit
    /// become the real arm's, so a policy cannot tell them apart. Simulator-only features are dropped.
    /// </summary>
    public required RobotSpec TwinSpec { get; init; }

    public required TaskSchema Schema { get; init; }
    public required string TaskText { get; init; }

    /// <summary>Where each episode starts (joint units), reached by a slow move before the operator resets the scene.</summary>
    public required IReadOnlyList<double> StartPose { get; init; }

    /// <summary>Where the arm goes before torque is switched off at the end (a pose it can rest in without power).</summary>
    public required IReadOnlyList<double> RestPose { get; init; }

    /// <summary>Resets the scene between episodes (a person, or a virtual rig's operator channel).</summary>
    public required IOperator Operator { get; init; }

    /// <summary>Labels each episode's outcome.</summary>
    public required IOutcomeLabeler Labeler { get; init; }

    /// <summary>Read state and run the policy, but never write a goal position, never switch torque on.</summary>
    public bool DryRun { get; init; }

    public So101Safety Safety { get; init; } = So101Safety.Default;

    /// <summary>True: body joints in degrees (LeRobot's default); false: RANGE_M100_100 as in LeRobot 0.4.0.</summary>
    public bool Degrees { get; init; } = true;

    public So101Settings Settings { get; init; } = So101Settings.LeRobot;
    public FeetechBusOptions Bus { get; init; } = FeetechBusOptions.Default;

    /// <summary>The robot's cameras (owned by the follower from now on: disposed with it); null: none.</summary>
    public Cameras.CameraSet? Cameras { get; init; }

    /// <summary>The simulated twin: pre-flight probes come from its reset states instead of moving the arm.</summary>
    public Twin.ISimulatedTwin? Twin { get; init; }

    /// <summary>Says where each episode's objects go before the operator resets the scene.</summary>
    public IResetGuide? ResetGuide { get; init; }

    /// <summary>Where the reset overlays (live camera + targets, PNG) are written; null: not written.</summary>
    public string? ResetImageDirectory { get; init; }

    /// <summary>Where dry-run and safety messages go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
