namespace Harness.Core.Episodes;

/// <summary>
/// An observer that measures something per episode (e.g. whisker prediction error) and hands it
/// over as extra columns of episodes.csv once the episode ends.
/// </summary>
public interface IEpisodeMetricsObserver : IEpisodeObserver
{
    IReadOnlyList<string> Columns { get; }

    /// <summary>The metrics of the episode that just ended; called after OnEpisodeEnd.</summary>
    IReadOnlyDictionary<string, double?> TakeMetrics();
}
