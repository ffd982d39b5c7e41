namespace Harness.Core.Tasks;

/// <summary>How the episode loop stopped: the monitor said done, or the step limit was reached.</summary>
public sealed record EpisodeEnd(int Steps, bool ReachedStepLimit);
