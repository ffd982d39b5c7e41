using Harness.Core.Robots;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote.Layouts;

/// <summary>
/// How an <see cref="Observation"/> is spelled as an openpi request (keys, dtypes, image sizes),
/// both ways: clients encode with it, the server decodes with the same layout.
/// </summary>
public interface IObservationLayout
{
    /// <summary>Extra request key that marks the first observation of an episode (the server resets its policy).</summary>
    public const string EpisodeStartKey = "harness/episode_start";

    string Name { get; }

    /// <summary>Observation features the layout reads (what the environment must provide).</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>Whether requests can flag an episode's first observation (<see cref="EpisodeStartKey"/>), so the server resets its policy.</summary>
    bool SendsEpisodeStart { get; }

    /// <summary>Whether requests carry the task text (a prompt) for language-conditioned policies.</summary>
    bool SendsPrompt { get; }

    /// <summary>Throws, naming what is missing and how to map it, if the robot cannot feed this layout.</summary>
    void Check(RobotSpec robot);

    IReadOnlyDictionary<string, object?> Encode(Observation observation, string task, bool episodeStart);

    DecodedObservation Decode(MsgpackMap request);
}
