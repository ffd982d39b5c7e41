using Harness.Core.Tasks;

namespace Harness.Core.Episodes;

/// <summary>Everything recorded about one episode.</summary>
public sealed record EpisodeRecord(
    int Episode,
    int Seed,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<ChunkRecord> Chunks,
    TaskOutcome Outcome,
    double WallSeconds,
    string? Error,
    EpisodeFault Fault = EpisodeFault.None)
{
    public int StepCount => Steps.Count;
    public int PolicyCalls => Chunks.Count;
}

/// <summary>What ended an ERROR episode, so a run can tell a dead policy server from a one-off fault.</summary>
public enum EpisodeFault
{
    None,
    /// <summary>The policy raised an error while computing a chunk.</summary>
    Policy,
    /// <summary>The policy could not be reached at all (e.g. its server is down).</summary>
    PolicyUnreachable,
    /// <summary>The robot, the simulator or the harness failed.</summary>
    Environment,
}
