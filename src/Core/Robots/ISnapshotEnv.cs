namespace Harness.Core.Robots;

/// <summary>
/// A full physical state that can be captured and restored exactly (simulators only). Lets
/// whiskers, replays and viewers return to the state a chunk was predicted from.
/// </summary>
public sealed record EnvSnapshot(double Time, double[] Values);

/// <summary>An environment whose state can be captured and restored (simulation only).</summary>
public interface ISnapshotEnv
{
    EnvSnapshot Capture();
    void Restore(EnvSnapshot snapshot);
}
