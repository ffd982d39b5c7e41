using Harness.Core.Robots;
using Harness.Robots.Cameras;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Twin.Hardware;

namespace Harness.Cli.Composition;

/// <summary>What the real evaluation hands a robot when it connects: the twin, the operator, the labeller, the cameras.</summary>
public sealed record RealRobotSession(
    SceneEntry Scene,
    MujocoTwin Twin,
    IOperator Operator,
    IOutcomeLabeler Labeler,
    CameraSet? Cameras,
    bool DryRun,
    TextWriter Log,
    string ResetImageDirectory);

/// <summary>
/// The one robot-specific part of `real ROBOT eval` (<see cref="RealEvalJob"/>): which spec the
/// robot will have (to refuse a policy before anything connects), how it connects, where a virtual
/// rig's operator channel is, and what run.json records about it.
/// </summary>
public interface IRealRobotConnector
{
    /// <summary>The robot's name in run.json (extra.real_robot.robot).</summary>
    string Robot { get; }

    /// <summary>The scene evaluated when --scene is not given.</summary>
    string DefaultScene { get; }

    /// <summary>The link whose ".operator" socket a virtual rig listens on (--auto-label sim).</summary>
    string OperatorLink { get; }

    /// <summary>The command that starts that virtual rig, for the error when there is none.</summary>
    string OperatorStartHint { get; }

    /// <summary>The spec the real robot will have with this twin and these cameras (throws when the twin is not this robot).</summary>
    RobotSpec SpecFor(RobotSpec twin, IReadOnlyList<CameraSpec> cameras);

    /// <summary>Connects; owns <see cref="RealRobotSession.Cameras"/> from then on (disposes them on failure too).</summary>
    IRealRobotEnv Connect(RealRobotSession session);

    /// <summary>Where and what the robot is, for run.json's extra.real_robot.</summary>
    IReadOnlyDictionary<string, object> Describe();

    /// <summary>Robot settings that can change results, for run.json's settings.</summary>
    IReadOnlyDictionary<string, string> Settings();
}
