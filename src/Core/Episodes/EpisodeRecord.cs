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
    string? Error)
{
    public int StepCount => Steps.Count;
    public int PolicyCalls => Chunks.Count;
}
