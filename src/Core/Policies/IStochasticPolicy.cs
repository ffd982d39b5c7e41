using Harness.Core.Robots;

namespace Harness.Core.Policies;

/// <summary>A policy that can draw several different chunks for one observation (diffusion, flow).</summary>
public interface IStochasticPolicy : IPolicy
{
    ActionChunk Sample(Observation observation, string task, int sampleIndex);
}
