using Harness.Core.Tasks;

namespace Harness.Core.Robots;

/// <summary>
/// One robot, simulated or real, behind one small surface: <see cref="Reset"/> to the initial
/// state of a seed, <see cref="Step"/> with an action in robot units, and <see cref="Conclude"/>
/// to classify the episode (from simulator state, or from the operator on hardware) with the
/// classes of <see cref="Schema"/>.
/// </summary>
public interface IRobotEnv : IDisposable
{
    RobotSpec Spec { get; }

    /// <summary>The task's outcome classes and metrics.</summary>
    TaskSchema Schema { get; }

    /// <summary>The task instruction given to language-conditioned policies.</summary>
    string TaskText { get; }

    /// <summary>Starts an episode. The same seed always gives the same initial state.</summary>
    Observation Reset(int seed);

    /// <summary>Applies one action (clamped to the robot's limits) for one control period.</summary>
    StepResult Step(IReadOnlyList<double> action);

    /// <summary>Classifies the finished episode. Called once, after the last step.</summary>
    TaskOutcome Conclude(EpisodeEnd end);

    /// <summary>Image features this environment can render, without rendering anything.</summary>
    void RequestCameras(IReadOnlyCollection<string> cameras);
}
