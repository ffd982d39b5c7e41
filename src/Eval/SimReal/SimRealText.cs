using System.Globalization;
using Harness.Core.Tasks;
using Harness.Eval.Reports;
using Harness.Eval.Statistics;

namespace Harness.Eval.SimReal;

/// <summary>Sentences shared by the Markdown and HTML reports (Markdown-style `code` spans; the HTML exporter converts them).</summary>
public static class SimRealText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Title(SimRealReport r) => $"Sim-to-real validation on {r.Scene}";

    public static string Lead(SimRealReport r) =>
        $"{r.Variants[0].Checkpoints.Count} checkpoints evaluated in simulation ({r.Variants.Count} variant{(r.Variants.Count == 1 ? "" : "s")}: " +
        $"{string.Join(", ", r.Variants.Select(v => $"`{v.Label}`"))}) and on the real robot, task `{r.Schema.Name}`; " +
        $"created {r.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Inv)} UTC by harness {r.HarnessVersion}.";

    public static string Number(double? v) => v is double d && !double.IsNaN(d) ? d.ToString("0.000", Inv) : "undefined";

    public static string Interval(BootstrapInterval ci) =>
        double.IsNaN(ci.Lo) ? "undefined in every resample" : $"{ci.Lo.ToString("0.000", Inv)} – {ci.Hi.ToString("0.000", Inv)}" +
        (ci.Undefined > 0 ? $" ({ci.Undefined} of {ci.Resamples} resamples undefined)" : "");

    /// <summary>"a (90.0%) > b (50.0%) = c (50.0%)", best first.</summary>
    public static string RankOrder(IEnumerable<(string Name, double Rate)> items)
    {
        var sorted = items.OrderByDescending(i => i.Rate).ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count; i++)
        {
            if (i > 0) parts.Add(sorted[i].Rate == sorted[i - 1].Rate ? "=" : ">");
            parts.Add($"`{sorted[i].Name}` ({ReportFormat.Percent(sorted[i].Rate)})");
        }
        return string.Join(" ", parts);
    }

    /// <summary>What the largest off-diagonal cells of the confusion mean, in words.</summary>
    public static IReadOnlyList<string> Disagreements(ClassConfusion c)
    {
        var lines = new List<(int N, string Text)>();
        for (int i = 0; i < c.Classes.Count; i++)
            for (int j = 0; j < c.Classes.Count; j++)
            {
                int n = c.Counts[i][j];
                if (i == j || n == 0) continue;
                string sim = c.Classes[i], real = c.Classes[j];
                string why = sim == OutcomeClass.SuccessLabel
                    ? (real.Contains("DROP", StringComparison.Ordinal) ? ": the simulated grasp is too forgiving"
                        : real.Contains("NEVER", StringComparison.Ordinal) ? ": the simulated grasp holds where the real one does not"
                        : ": simulation is optimistic here")
                    : real == OutcomeClass.SuccessLabel ? ": simulation is pessimistic here" : "";
                lines.Add((n, $"{n} paired episode{(n == 1 ? "" : "s")} {(n == 1 ? "is" : "are")} `{sim}` in simulation but `{real}` on the real robot{why}."));
            }
        return lines.OrderByDescending(l => l.N).Select(l => l.Text).ToList();
    }

    public static string Centimetres(double? metres) => metres is double m ? (m * 100).ToString("0.00", Inv) + " cm" : "–";

    public const string ConfusionNote =
        "Rows: the class in simulation; columns: the class on the real robot, for episodes that started from the same seed (the same layout). " +
        "The diagonal is agreement.";

    public const string ClassTestNote =
        "Over paired episodes: the rate of each class in simulation and on the real robot; the exact McNemar test on the class indicator " +
        "(episodes of that class on one side only), Holm-adjusted over the classes.";

    public const string TwinNote =
        "On the real robot each new prediction was forward-simulated in the twin from the measured joints; the error is how far the real tool " +
        "went from where simulation predicted (episodes.csv `twin_tracking_error_mean_m`, `twin_tracking_error_max_m`).";

    public static string Method(SimRealReport r) =>
        $"Checkpoints are paired by run.json `checkpoint` (sha256 of the weights, else kind and location), episodes by seed. Success rates with " +
        $"Wilson 95 % intervals over all episodes of each run. Pearson r and MMRV (mean maximum rank violation) as defined by SimplerEnv " +
        $"(Li et al. 2024): MMRV = (1/N) Σ_i max_j |r_i − r_j| · 1[(s_i > s_j) ≠ (r_i > r_j)], s simulated and r real success rates; 0 is a " +
        $"perfect ranking. Intervals: percentile bootstrap, {r.Resamples} resamples of the episodes within each run (seed {r.BootstrapSeed}). " +
        "The best variant has the lowest MMRV (ties: the higher r).";
}
