using Harness.Core.Episodes;
using Harness.Core.Robots;

namespace Harness.Sim.Perturbations;

/// <summary>
/// Adds each episode's applied perturbation to episodes.csv: the value
/// (<see cref="PerturbationAxis.ValueColumn"/>) and the kind's details (the push's start step, a
/// camera's shift, ...), read from the <see cref="PerturbedEnv"/> the episode ran in.
/// </summary>
public sealed class PerturbationRecorder(PerturbationAxis axis) : IEpisodeMetricsObserver
{
    private AppliedPerturbation? _last;

    public IReadOnlyList<string> Columns => axis.Columns;

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        if (env is not PerturbedEnv p || p.Axis.Name != axis.Name)
            throw new InvalidOperationException($"the perturbation recorder for axis '{axis.Name}' watches a {env.GetType().Name}; run the episode in a PerturbedEnv of that axis.");
        _last = p.Applied;
    }

    public IReadOnlyDictionary<string, double?> TakeMetrics()
    {
        var row = new Dictionary<string, double?> { [PerturbationAxis.ValueColumn] = _last?.Value };
        foreach (var k in axis.Effect.DetailKeys)
            row[PerturbationAxis.ColumnPrefix + k] = _last?.Details.GetValueOrDefault(k);
        _last = null;
        return row;
    }
}
