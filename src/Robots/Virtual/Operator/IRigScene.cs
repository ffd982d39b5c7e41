using Harness.Core.Tasks;
using Harness.Robots.Operators;

namespace Harness.Robots.Virtual.Operator;

/// <summary>
/// The world around a virtual arm, as the rig's operator meets it: objects to lay out for an
/// episode, and (when the rig is told to) a task monitor that says how an episode ended.
/// </summary>
public interface IRigScene
{
    /// <summary>Lays out the scene for the episode with this seed; returns a short account of what was placed where.</summary>
    string Reset(int seed);

    /// <summary>How the episode since the last reset ended, by the scene's own physics; throws when this rig does not label.</summary>
    LabelReply Label(EpisodeEnd end);
}
