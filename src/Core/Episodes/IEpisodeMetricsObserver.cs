using Harness.Core.Tasks;

namespace Harness.Core.Episodes;

/// <summary>
/// An observer that measures something per episode (e.g. whisker prediction error) and hands it
/// over as extra columns of episodes.csv once the episode ends.
/// </summary>
public interface IEpisodeMetricsObserver : IEpisodeObserver
{
    /// <summary>Plain extra columns of episodes.csv (numbers, not aggregated by the run).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Metrics with units and aggregations (e.g. IK errors): they join the run's schema, so
    /// episodes.csv gets their columns, run.json their aggregates and reports their table columns.
    /// </summary>
    IReadOnlyList<MetricSpec> Metrics => [];

    /// <summary>The metrics of the episode that just ended; called after OnEpisodeEnd.</summary>
    IReadOnlyDictionary<string, double?> TakeMetrics();
}
