using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// The task side of a scene: places objects from the episode seed, adds privileged features to
/// observations, and monitors simulator state to decide when the episode is over and how it ended,
/// with the classes and metrics of its <see cref="Schema"/>. One instance per environment; it holds
/// per-episode state cleared by <see cref="Reset"/>.
/// </summary>
public interface ISceneTask
{
    string TaskText { get; }

    /// <summary>The task's outcome classes and metrics.</summary>
    TaskSchema Schema { get; }

    /// <summary>Privileged (sim-only) features this task adds to observations.</summary>
    IReadOnlyList<FeatureSpec> Features { get; }

    void Reset(MjData data, int seed);

    void AddObservation(MjData data, IDictionary<string, double[]> vectors);

    /// <summary>Called after every control step; returns true when the episode is finished.</summary>
    bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction);

    TaskOutcome Conclude(EpisodeEnd end);
}
