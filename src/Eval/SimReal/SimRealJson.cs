using System.Text.Json;

namespace Harness.Eval.SimReal;

/// <summary>report.json: the same figures as the Markdown and HTML reports, for scripts.</summary>
public static class SimRealJson
{
    public const string FileName = "report.json";

    public static string Render(SimRealReport r) => JsonSerializer.Serialize(new
    {
        scene = r.Scene,
        task = r.Schema.Name,
        created = r.Created,
        harness_version = r.HarnessVersion,
        best_variant = r.Best,
        best_reason = r.BestReason,
        bootstrap = new { resamples = r.Resamples, seed = r.BootstrapSeed, level = 0.95, method = "percentile; episodes resampled within each run" },
        variants = r.Variants.Select(v => new
        {
            label = v.Label,
            pearson_r = Finite(v.Pearson),
            pearson_r_ci95 = Ci(v.PearsonInterval),
            mmrv = v.Mmrv,
            mmrv_ci95 = Ci(v.MmrvInterval),
            checkpoints = v.Checkpoints.Select(c => new
            {
                checkpoint = c.Checkpoint,
                sim = new { run = c.SimRun, successes = c.Sim.Successes, episodes = c.Sim.Episodes, success_rate = c.Sim.Rate, ci95 = new[] { c.Sim.Lo, c.Sim.Hi }, rank = c.SimRank },
                real = new { run = c.RealRun, successes = c.Real.Successes, episodes = c.Real.Episodes, success_rate = c.Real.Rate, ci95 = new[] { c.Real.Lo, c.Real.Hi }, rank = c.RealRank },
                paired_episodes = c.PairedEpisodes,
                same_class = c.AgreeingEpisodes,
                setting_differences = c.SettingDifferences,
            }),
            confusion = new
            {
                classes = v.Confusion.Classes,
                rows_sim_columns_real = v.Confusion.Counts,
                pairs = v.Confusion.Pairs,
                agreeing = v.Confusion.Agreeing,
            },
            class_differences = v.ClassDifferences.Select(d => new
            {
                @class = d.Class, pairs = d.Pairs, sim = d.SimCount, real = d.RealCount, sim_only = d.SimOnly, real_only = d.RealOnly, p = d.PValue, p_holm = d.PValueHolm,
            }),
        }),
        twin_prediction_error_m = r.TwinErrors.Select(t => new
        {
            checkpoint = t.Checkpoint, episodes = t.Episodes, measured = t.Measured, mean = t.MeanM, max = t.MaxM, mean_by_real_class = t.MeanByRealClass,
        }),
        warnings = r.Warnings,
    }, new JsonSerializerOptions { WriteIndented = true });

    private static double? Finite(double? v) => v is double d && double.IsFinite(d) ? d : null;
    private static double?[] Ci(Statistics.BootstrapInterval ci) => [Finite(ci.Lo), Finite(ci.Hi)];
}
