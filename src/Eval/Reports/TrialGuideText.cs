using System.Globalization;

namespace Harness.Eval.Reports;

/// <summary>The words around the trial-count tables (the same in Markdown and HTML).</summary>
public static class TrialGuideText
{
    public static string Lead(TrialGuide g) =>
        "For each compared pair: episodes per policy needed to detect a difference from run A's success rate, at the pair's own rates and agreement " +
        $"(two-sided alpha {g.Alpha.ToString(CultureInfo.InvariantCulture)}, power {g.Power.ToString(CultureInfo.InvariantCulture)}). " +
        "The first row of a pair is the difference it observed.";

    /// <summary>What a pair's rows rest on: its pairs and how often its runs disagreed compared with independent outcomes.</summary>
    public static string PairNote(TrialGuide g) =>
        $"{g.Pairs} pairs, " + (g.AgreementRatio is double r
            ? $"disagreement {r.ToString("0.00", CultureInfo.InvariantCulture)}× the independent rate"
            : "no disagreement possible at these rates");

    public static string Difference(TrialGuideRow r) =>
        (r.Observed ? "observed " : "") + (r.Difference * 100).ToString(r.Observed ? "0.0" : "0", CultureInfo.InvariantCulture) + " pp";

    public const string Explanation =
        "Paired counts use the McNemar sample-size formula of Connor (1987): only episodes where the two policies disagree carry information, " +
        "so the fewer disagreements, the fewer episodes are needed (and never fewer than the exact test needs to be able to reject). *Independent outcomes* assumes the policies fail on unrelated initial states; " +
        "*observed agreement* scales that by the disagreement actually seen between the pair's runs. " +
        "Unpaired counts (two-proportion z test, per policy) are what different initial states per policy would cost. " +
        "Rates near 0 % or 100 % need fewer episodes; rates near 50 % need the most.";
}
