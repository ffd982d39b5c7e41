namespace Harness.Eval.Reports;

/// <summary>The short explanation printed under the trial-count table (same words in Markdown and HTML).</summary>
public static class TrialGuideText
{
    public static string Explanation(TrialGuide g) =>
        "Paired counts use the McNemar sample-size formula of Connor (1987): only episodes where the two policies disagree carry information, " +
        "so the fewer disagreements, the fewer episodes are needed (and never fewer than the exact test needs to be able to reject). *Independent outcomes* assumes the policies fail on unrelated initial states; " +
        (g.AgreementRatio is double r
            ? $"*observed agreement* scales that by the disagreement actually seen between this scene's paired runs ({r:0.00}× the independent rate). "
            : "*observed agreement* needs at least one paired comparison in this scene. ") +
        "Unpaired counts (two-proportion z test, per policy) are what different initial states per policy would cost. " +
        "Rates near 0 % or 100 % need fewer episodes; rates near 50 % need the most.";
}
