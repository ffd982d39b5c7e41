using Harness.Core.Episodes;
using Harness.Core.Robots;

namespace Harness.Robots.RealTime;

/// <summary>Adds each episode's control-loop timing to episodes.csv.</summary>
public sealed class LoopTimingObserver(ControlPacer pacer) : IEpisodeMetricsObserver
{
    public const string JitterP50 = "period_jitter_p50_ms";
    public const string JitterP99 = "period_jitter_p99_ms";
    public const string DeadlineMisses = "deadline_misses";

    private LoopTiming _last = LoopTiming.Empty;

    public IReadOnlyList<string> Columns => [JitterP50, JitterP99, DeadlineMisses];

    public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first) => pacer.TakeTiming();

    public void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record) => _last = pacer.TakeTiming();

    public IReadOnlyDictionary<string, double?> TakeMetrics() => new Dictionary<string, double?>
    {
        [JitterP50] = _last.Periods > 0 ? _last.JitterP50Ms : null,
        [JitterP99] = _last.Periods > 0 ? _last.JitterP99Ms : null,
        [DeadlineMisses] = _last.Periods > 0 ? _last.DeadlineMisses : null,
    };
}
