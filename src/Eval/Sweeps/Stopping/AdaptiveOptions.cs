using System.Text.Json.Serialization;

namespace Harness.Eval.Sweeps.Stopping;

/// <summary>
/// <c>--until-separated</c>: rounds of <c>--episodes</c> episodes on common seeds until the best
/// checkpoint is separated from every other one, the remaining contenders lie within
/// <see cref="Margin"/> of each other, or <see cref="MaxEpisodes"/> episodes per checkpoint are reached.
/// <see cref="Confidence"/> is the family-wise confidence over all looks and comparisons.
/// </summary>
public sealed record AdaptiveOptions(
    [property: JsonPropertyName("confidence")] double Confidence = 0.95,
    [property: JsonPropertyName("margin")] double Margin = 0.05,
    [property: JsonPropertyName("max_episodes")] int MaxEpisodes = 200)
{
    public void Validate(int roundSize, int checkpoints)
    {
        if (Confidence is <= 0.5 or >= 1)
            throw new ArgumentException($"--confidence must be between 0.5 and 1 (e.g. 0.95); got {Confidence}.");
        if (Margin is <= 0 or >= 1)
            throw new ArgumentException($"--margin is a difference in success rate between 0 and 1 (e.g. 0.05 for 5 points); got {Margin}.");
        if (MaxEpisodes < roundSize)
            throw new ArgumentException($"--max-episodes ({MaxEpisodes}) must be at least one round (--episodes {roundSize}).");
        if (checkpoints < 2)
            throw new ArgumentException($"--until-separated compares checkpoints; {checkpoints} checkpoint was given. Give at least two, or leave --until-separated out.");
    }

    public override string ToString() =>
        FormattableString.Invariant($"confidence {Confidence}, margin {Margin}, max {MaxEpisodes} episodes");
}
