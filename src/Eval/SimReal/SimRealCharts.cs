using System.Text;
using Harness.Eval.Reports.Charts;

namespace Harness.Eval.SimReal;

/// <summary>The report's charts: per variant, success on the real robot against success in simulation, each with its Wilson interval, and the identity line.</summary>
public static class SimRealCharts
{
    public sealed record Chart(string FileName, string Caption, IChart Svg);

    public static IReadOnlyList<Chart> For(SimRealReport r) => r.Variants.Select(v => new Chart(
        $"scatter_{Slug(v.Label)}.svg",
        $"Variant {v.Label}: each checkpoint's success in simulation (x) and on the real robot (y), Wilson 95 % intervals; below the dashed line the real robot did worse than simulation predicted.",
        new ScatterChart($"Success: simulation ({v.Label}) vs real", $"simulation ({v.Label})", "real robot",
            v.Checkpoints.Select((c, i) => new ScatterPoint(c.Checkpoint, c.Sim.Rate, c.Sim.Lo, c.Sim.Hi, c.Real.Rate, c.Real.Lo, c.Real.Hi, ChartPalette.Series(i),
                $"{c.Checkpoint}: sim {c.Sim.Successes}/{c.Sim.Episodes}, real {c.Real.Successes}/{c.Real.Episodes}")).ToList()))).ToList();

    /// <summary>A label as a file-name part: letters, digits, '.', '_' and '-' kept, others '-'.</summary>
    public static string Slug(string label)
    {
        var sb = new StringBuilder();
        foreach (char ch in label) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '-');
        return sb.ToString();
    }
}
