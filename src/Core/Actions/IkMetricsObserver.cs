using Harness.Core.Episodes;
using Harness.Core.Kinematics;
using Harness.Core.Robots;
using Harness.Core.Statistics;
using Harness.Core.Tasks;

namespace Harness.Core.Actions;

/// <summary>One executed step whose end-effector target the IK did not reach within tolerance.</summary>
public sealed record IkFailedStep(int Episode, int Step, int ChunkIndex, int ChunkRow, PoseError Error);

/// <summary>
/// Measures the end-effector conversion over the steps an episode actually executed (a chunk's
/// rows that never ran do not count): the share of steps whose IK target was not reached within
/// tolerance, their number, the mean and 95th percentile position error, and the 95th percentile
/// orientation error on the components the arm honours. Failed steps go to <see cref="FailedSteps"/>
/// listeners (run directories write them to ik_failures.csv), so no failure is silent.
/// </summary>
public sealed class IkMetricsObserver(ActionAdapter adapter, EndEffectorSpec endEffector) : IEpisodeMetricsObserver
{
    public const string FailureRate = "ik_failure_rate", FailedStepCount = "ik_failed_steps",
        PositionMeanMm = "ik_position_error_mm_mean", PositionP95Mm = "ik_position_error_mm_p95", OrientationP95Deg = "ik_orientation_error_deg_p95";

    /// <summary>The per-episode IK metrics, with units and how runs aggregate them.</summary>
    public static IReadOnlyList<MetricSpec> Specs { get; } =
    [
        new(FailureRate, "share of steps", "share of the episode's executed steps whose end-effector target the IK did not reach within tolerance (position, honoured orientation components)",
            [MetricAggregation.Mean, MetricAggregation.Max]),
        new(FailedStepCount, "steps", "executed steps whose IK target was not reached within tolerance (listed in ik_failures.csv)", [MetricAggregation.Mean, MetricAggregation.Max]),
        new(PositionMeanMm, "mm", "mean distance between the end-effector target and the pose the IK solution reaches, over executed steps", [MetricAggregation.Mean, MetricAggregation.P95]),
        new(PositionP95Mm, "mm", "95th percentile over the episode's executed steps of that distance", [MetricAggregation.Mean, MetricAggregation.Max]),
        new(OrientationP95Deg, "deg", "95th percentile over executed steps of the largest error on the orientation components the arm honours", [MetricAggregation.Mean, MetricAggregation.Max]),
    ];

    private readonly List<(int Step, int Chunk, int Row, IkSolution Solution)> _steps = [];
    private IReadOnlyList<IkSolution>? _rows;
    private int _episode;
    private Dictionary<string, double?>? _pending;

    public IReadOnlyList<string> Columns => [];
    public IReadOnlyList<MetricSpec> Metrics => Specs;

    /// <summary>Called with the failed steps of every finished episode (possibly none).</summary>
    public event Action<int, IReadOnlyList<IkFailedStep>>? FailedSteps;

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first)
    {
        _episode = episode;
        _steps.Clear();
        _rows = null;
    }

    public void OnChunk(IRobotEnv env, ChunkRecord chunk) => _rows = adapter.LastIk;

    public void OnStep(IRobotEnv env, StepRecord step, Observation next)
    {
        if (_rows is null || step.ChunkRow >= _rows.Count) return;
        _steps.Add((step.Step, step.ChunkIndex, step.ChunkRow, _rows[step.ChunkRow]));
    }

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record)
    {
        var failed = _steps.Where(s => !s.Solution.WithinTolerance)
            .Select(s => new IkFailedStep(_episode, s.Step, s.Chunk, s.Row, s.Solution.Error)).ToList();
        _pending = Summarise(_steps.Select(s => s.Solution).ToList(), endEffector.Honoured);
        FailedSteps?.Invoke(_episode, failed);
    }

    /// <summary>The metrics of a list of executed steps' solutions (null where no step ran).</summary>
    public static Dictionary<string, double?> Summarise(IReadOnlyList<IkSolution> steps, OrientationComponents honoured)
    {
        if (steps.Count == 0)
            return Specs.ToDictionary(s => s.Key, _ => (double?)null);
        int failed = steps.Count(s => !s.WithinTolerance);
        var pos = steps.Select(s => s.Error.PositionM * 1000).ToArray();
        var rot = steps.Select(s => s.Error.OrientationRad(honoured) * 180 / Math.PI).ToArray();
        return new Dictionary<string, double?>
        {
            [FailureRate] = failed / (double)steps.Count,
            [FailedStepCount] = failed,
            [PositionMeanMm] = pos.Average(),
            [PositionP95Mm] = Percentiles.Of(pos, 95),
            [OrientationP95Deg] = Percentiles.Of(rot, 95),
        };
    }

    public IReadOnlyDictionary<string, double?> TakeMetrics()
    {
        var m = _pending ?? throw new InvalidOperationException("IK metrics are taken once per finished episode.");
        _pending = null;
        return m;
    }
}
