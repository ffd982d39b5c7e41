namespace Harness.Core.Policies;

/// <summary>Implemented by policies that know which checkpoint (and training step) they come from.</summary>
public interface ICheckpointInfo
{
    CheckpointIdentity Identity { get; }
}
