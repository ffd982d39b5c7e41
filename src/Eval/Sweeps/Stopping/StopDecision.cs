using System.Text.Json.Serialization;

namespace Harness.Eval.Sweeps.Stopping;

/// <summary>A checkpoint shown worse than the best one at a look (paired exact McNemar), and dropped from later rounds.</summary>
public sealed record SeparatedCheckpoint(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("worse_than")] string WorseThan,
    [property: JsonPropertyName("look")] int Look,
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("only_best")] int OnlyBest,
    [property: JsonPropertyName("only_other")] int OnlyOther,
    [property: JsonPropertyName("p_value")] double PValue);

/// <summary>One pair of remaining contenders and the exact bounds on their difference in success rate.</summary>
public sealed record ContenderPair(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High);

/// <summary>Why an adaptive sweep stopped: <c>separated</c>, <c>equivalent</c> or <c>max_episodes</c>, with the evidence.</summary>
public sealed record StopDecision(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("best")] string Best,
    [property: JsonPropertyName("look")] int Look,
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("alpha_per_test")] double AlphaPerTest,
    [property: JsonPropertyName("correction")] string Correction,
    [property: JsonPropertyName("separated")] IReadOnlyList<SeparatedCheckpoint> Separated,
    [property: JsonPropertyName("contenders")] IReadOnlyList<string> Contenders,
    [property: JsonPropertyName("contender_pairs")] IReadOnlyList<ContenderPair> ContenderPairs,
    [property: JsonPropertyName("text")] string Text)
{
    public const string SeparatedReason = "separated", EquivalentReason = "equivalent", MaxEpisodesReason = "max_episodes";
}
