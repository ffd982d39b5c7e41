using System.Text;
using Harness.Eval.Reports;

namespace Harness.Eval.SimReal;

/// <summary>report.md of a sim-to-real comparison (charts as links to charts/*.svg).</summary>
public static class SimRealMarkdown
{
    public const string FileName = "report.md";

    public static string Render(SimRealReport r, string chartsFolder)
    {
        var m = new StringBuilder();
        m.Append($"# {SimRealText.Title(r)}\n\n{SimRealText.Lead(r)}\n\n**{r.BestReason}**\n\n");
        m.Append("| Variant | Checkpoints | Pearson r | 95 % CI | MMRV | 95 % CI | Paired episodes | Same class |\n|---|---:|---:|---|---:|---|---:|---:|\n");
        foreach (var v in r.Variants)
            m.Append($"| `{v.Label}`{(v.Label == r.Best ? " (best)" : "")} | {v.Checkpoints.Count} | {SimRealText.Number(v.Pearson)} | {SimRealText.Interval(v.PearsonInterval)} | " +
                     $"{SimRealText.Number(v.Mmrv)} | {SimRealText.Interval(v.MmrvInterval)} | {v.Confusion.Pairs} | {Share(v.Confusion.Agreeing, v.Confusion.Pairs)} |\n");
        if (r.Warnings.Count > 0) m.Append('\n').Append(string.Concat(r.Warnings.Select(w => $"> {w}\n>\n"))).Append('\n');
        var charts = SimRealCharts.For(r);
        for (int k = 0; k < r.Variants.Count; k++)
        {
            var v = r.Variants[k];
            m.Append($"\n## Variant `{v.Label}`\n\n![{charts[k].Caption}]({chartsFolder}/{charts[k].FileName})\n\n{charts[k].Caption}\n\n");
            m.Append("| Checkpoint | Simulation | 95 % CI | Real | 95 % CI | Rank sim | Rank real | Paired | Same class | Settings that differ |\n|---|---:|---|---:|---|---:|---:|---:|---:|---|\n");
            foreach (var c in v.Checkpoints)
                m.Append($"| `{c.Checkpoint}` | {ReportFormat.Percent(c.Sim.Rate)} ({c.Sim.Successes}/{c.Sim.Episodes}) | {ReportFormat.Interval(c.Sim.Lo, c.Sim.Hi)} | " +
                         $"{ReportFormat.Percent(c.Real.Rate)} ({c.Real.Successes}/{c.Real.Episodes}) | {ReportFormat.Interval(c.Real.Lo, c.Real.Hi)} | {c.SimRank} | {c.RealRank} | " +
                         $"{c.PairedEpisodes} | {c.AgreeingEpisodes} | {(c.SettingDifferences.Count == 0 ? "none" : string.Join("; ", c.SettingDifferences))} |\n");
            m.Append($"\n**Rank order.** Simulation: {SimRealText.RankOrder(v.Checkpoints.Select(c => (c.Checkpoint, c.Sim.Rate)))}  \n")
             .Append($"Real robot: {SimRealText.RankOrder(v.Checkpoints.Select(c => (c.Checkpoint, c.Real.Rate)))}\n\n");
            m.Append($"### Class confusion\n\n{SimRealText.ConfusionNote}\n\n| simulation \\ real | {string.Join(" | ", v.Confusion.Classes.Select(ReportFormat.OutcomeHeading))} |\n")
             .Append($"|---|{string.Concat(v.Confusion.Classes.Select(_ => "---:|"))}\n");
            for (int i = 0; i < v.Confusion.Classes.Count; i++)
                m.Append($"| {ReportFormat.OutcomeHeading(v.Confusion.Classes[i])} | {string.Join(" | ", v.Confusion.Counts[i].Select((n, j) => i == j ? $"**{n}**" : n.ToString()))} |\n");
            var notes = SimRealText.Disagreements(v.Confusion);
            if (notes.Count > 0) m.Append('\n').Append(string.Concat(notes.Select(n => $"- {n}\n")));
            m.Append($"\n### Class rates, simulation vs real\n\n{SimRealText.ClassTestNote}\n\n| Class | Simulation | Real | Difference | Sim only | Real only | p (exact McNemar) | p (Holm) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var d in v.ClassDifferences)
                m.Append($"| {ReportFormat.OutcomeHeading(d.Class)} | {ReportFormat.Percent(d.SimRate)} ({d.SimCount}) | {ReportFormat.Percent(d.RealRate)} ({d.RealCount}) | " +
                         $"{ReportFormat.Points(d.RealRate - d.SimRate)} | {d.SimOnly} | {d.RealOnly} | {ReportFormat.PValue(d.PValue)} | {ReportFormat.PValue(d.PValueHolm)} |\n");
        }
        m.Append($"\n## Twin prediction error on the real runs\n\n{SimRealText.TwinNote}\n\n| Checkpoint | Episodes | Measured | Mean | Max | Mean by real class |\n|---|---:|---:|---:|---:|---|\n");
        foreach (var t in r.TwinErrors)
            m.Append($"| `{t.Checkpoint}` | {t.Episodes} | {t.Measured} | {SimRealText.Centimetres(t.MeanM)} | {SimRealText.Centimetres(t.MaxM)} | " +
                     $"{(t.MeanByRealClass.Count == 0 ? "–" : string.Join(", ", t.MeanByRealClass.Select(kv => $"{kv.Key} {SimRealText.Centimetres(kv.Value)}")))} |\n");
        m.Append($"\n## Method\n\n{SimRealText.Method(r)}\n");
        return m.ToString();
    }

    private static string Share(int k, int n) => n == 0 ? "–" : $"{ReportFormat.Percent((double)k / n)} ({k}/{n})";
}
