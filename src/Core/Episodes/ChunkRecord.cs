using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Core.Episodes;

/// <summary>
/// A predicted action chunk with the step it was predicted at and, in simulation, the exact
/// physical state it was predicted from (what whiskers and replays start from).
/// </summary>
public sealed record ChunkRecord(
    int Index,
    int PredictedAtStep,
    ActionChunk Chunk,
    EnvSnapshot? State,
    double LatencyMs);
