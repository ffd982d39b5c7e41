using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Eval.Reports;
using Harness.Eval.SimReal;
using Harness.Eval.Statistics;

namespace Harness.Cli.Commands;

/// <summary>
/// <c>harness simreal --sim [LABEL=]PATH... --real PATH... --out DIR</c>: does simulation rank the
/// checkpoints the way the real robot does? Pearson r, MMRV, class confusion, per simulation variant.
/// </summary>
public static class SimRealCommand
{
    public static Command Create()
    {
        var sim = new Option<string[]>("--sim")
        {
            Description = "Simulated runs: run directories or sweep folders. Repeat with LABEL=PATH for several simulation variants " +
                          "(e.g. --sim nominal=/tmp/sweep_sim --sim latency=/tmp/sweep_latency); a bare PATH belongs to variant 'sim'.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var real = new Option<string[]>("--real")
        {
            Description = "Real-robot runs (`harness real ... eval`): run directories or folders holding them.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "Folder for report.md, report.html, report.json and charts/*.svg.", Required = true };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the intervals of Pearson r and MMRV.", DefaultValueFactory = _ => PercentileBootstrap.DefaultResamples };
        var seed = new Option<ulong>("--bootstrap-seed") { Description = "Seed of the bootstrap (the same seed gives the same intervals).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("simreal", "Sim-to-real validation: pair simulated and real runs of the same checkpoints; Pearson r, MMRV, rank orders, class confusion.")
        {
            sim, real, output, resamples, seed,
        };
        cmd.SetAction(pr =>
        {
            try
            {
                if (pr.GetValue(resamples) < 1)
                    throw new SimRealException($"--bootstrap takes the number of resamples, at least 1; got {pr.GetValue(resamples)}.");
                var request = new SimRealRequest(SimVariantInput.Parse(pr.GetValue(sim)!), pr.GetValue(real)!, pr.GetValue(resamples), pr.GetValue(seed));
                var report = SimRealReportBuilder.Build(request, DateTimeOffset.UtcNow, EvalJob.HarnessVersion);
                var files = SimRealReportWriter.Write(report, pr.GetValue(output)!);
                foreach (var v in report.Variants)
                {
                    Console.WriteLine($"variant {v.Label}: Pearson r {SimRealText.Number(v.Pearson)} [{SimRealText.Interval(v.PearsonInterval)}], " +
                                      $"MMRV {SimRealText.Number(v.Mmrv)} [{SimRealText.Interval(v.MmrvInterval)}], {v.Confusion.Agreeing}/{v.Confusion.Pairs} paired episodes in the same class");
                    foreach (var c in v.Checkpoints)
                        Console.WriteLine($"  {c.Checkpoint,-28} sim {ReportFormat.Percent(c.Sim.Rate),7} ({c.Sim.Successes}/{c.Sim.Episodes})  real {ReportFormat.Percent(c.Real.Rate),7} ({c.Real.Successes}/{c.Real.Episodes})");
                }
                Console.WriteLine(report.BestReason);
                foreach (var w in report.Warnings) Console.WriteLine($"warning: {w}");
                foreach (var f in files) Console.WriteLine($"wrote {f}");
                return 0;
            }
            catch (SimRealException e)
            {
                Console.Error.WriteLine($"simreal: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }
}
