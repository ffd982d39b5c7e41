namespace Harness.Core.Policies;

/// <summary>Implemented by policies that know which checkpoint (and training step) they come from.</summary>
public interface ICheckpointInfo
{
    string? Checkpoint { get; }
    long? TrainingStep { get; }
}
