namespace Harness.Cli.Output;

/// <summary>Counts finished episodes and successes (workers finish concurrently) and reports both, under one lock.</summary>
public sealed class EpisodeCounter(Action<int, int> report)
{
    private readonly object _gate = new();
    private int _done, _successes;

    /// <summary>Starts from the episodes already on disk (a resumed run).</summary>
    public void Start(int done, int successes)
    {
        lock (_gate)
        {
            (_done, _successes) = (done, successes);
            if (done > 0) report(done, successes);
        }
    }

    public void Add(Harness.Core.Episodes.EpisodeRecord r)
    {
        lock (_gate)
        {
            _done++;
            if (r.Outcome.Success) _successes++;
            report(_done, _successes);
        }
    }
}
