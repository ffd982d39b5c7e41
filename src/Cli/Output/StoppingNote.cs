using System.Globalization;
using System.Text;
using Harness.Eval.Sweeps.Stopping;

namespace Harness.Cli.Output;

/// <summary>stopping.md beside an adaptive sweep's report: why it stopped, with the tests behind the decision.</summary>
public static class StoppingNote
{
    public static string Markdown(StopDecision s)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append("# Why the sweep stopped\n\n");
        sb.Append(c, $"**{s.Reason.Replace('_', ' ')}** after {s.Episodes} episodes per checkpoint (look {s.Look}); best: **{s.Best}**.\n\n{s.Text}\n\n");
        if (s.Separated.Count > 0)
        {
            sb.Append("| separated | worse than | after episodes | only best succeeded | only it succeeded | exact McNemar p |\n|---|---|--:|--:|--:|--:|\n");
            foreach (var x in s.Separated)
                sb.Append(c, $"| {x.Name} | {x.WorseThan} | {x.Episodes} | {x.OnlyBest} | {x.OnlyOther} | {x.PValue:0.###e0} |\n");
            sb.Append('\n');
        }
        if (s.ContenderPairs.Count > 0)
        {
            sb.Append("| contenders | bounds on the difference in success rate (exact, conservative) |\n|---|---|\n");
            foreach (var p in s.ContenderPairs) sb.Append(c, $"| {p.A} vs {p.B} | [{p.Low:+0.000;-0.000;0}, {p.High:+0.000;-0.000;0}] |\n");
        }
        return sb.ToString();
    }
}
