using Harness.Eval.Runs;

namespace Harness.Eval.Reports;

/// <summary>
/// Two runs compared episode by episode on the same initial states (same scene files, matching seeds).
/// OnlyA/OnlyB are the discordant pairs: episodes won by one run and lost by the other.
/// </summary>
/// <param name="PValue">Exact two-sided McNemar p-value.</param>
/// <param name="PValueHolm">Holm-adjusted over all paired comparisons of the section.</param>
/// <param name="PairsForPower">Pairs needed for 80 % power at alpha 0.05 if the observed effect and discordance were true; null when the runs agree.</param>
/// <param name="Differences">Every setting that differs between the two runs (none: only the policy differs).</param>
public sealed record PairedComparison(
    string RunA,
    string RunB,
    int Pairs,
    int BothSucceeded,
    int OnlyA,
    int OnlyB,
    int BothFailed,
    double RateA,
    double RateB,
    double PValue,
    double PValueHolm,
    int? PairsForPower,
    string? Note,
    IReadOnlyList<SettingDifference> Differences)
{
    public double Difference => RateB - RateA;
}
