using Harness.Core.Robots;

namespace Harness.Policies.Remote.Layouts;

/// <summary>An observation rebuilt from an openpi request, with its prompt and the episode-start flag.</summary>
public sealed record DecodedObservation(Observation Observation, string Task, bool EpisodeStart);
