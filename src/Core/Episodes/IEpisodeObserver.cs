using Harness.Core.Robots;

namespace Harness.Core.Episodes;

/// <summary>
/// Something that watches an episode as it runs (video recorder, whisker simulator, live
/// viewer). Observers add behaviour by wrapping the loop, never by flags inside it. They must not
/// change the environment's state.
/// </summary>
public interface IEpisodeObserver
{
    void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first) { }
    void OnChunk(IRobotEnv env, ChunkRecord chunk) { }
    void OnStep(IRobotEnv env, StepRecord step, Observation next) { }
    void OnEpisodeEnd(IRobotEnv env, EpisodeRecord record) { }
}
