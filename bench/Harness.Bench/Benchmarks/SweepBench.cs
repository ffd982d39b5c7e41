using System.Diagnostics;
using Harness.Cli.Composition;
using Harness.Eval.Sweeps;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Sweep overhead: `harness sweep` of K checkpoints x N episodes with 2 workers (sweep.json, hashing,
/// resume checks, progress, the comparison report) against `harness eval` of the same checkpoints and
/// episodes one after the other (the baseline), in the same process, alternated, best of R rounds.
/// Wall time and this process's CPU time are both reported: on a shared machine other processes'
/// load moves wall time by more than the overhead being measured, CPU time much less.
/// </summary>
public static class SweepBench
{
    public static void Run(int episodes = 50, int workers = 2, int rounds = 5)
    {
        string root = Path.Combine(Path.GetTempPath(), "harness-bench-sweep-" + Guid.NewGuid().ToString("N")[..8]);
        string[] packages = ["so101_state_mlp_80", "so101_state_mlp_320"];
        var dirs = packages.Select(p => Path.Combine(BenchPaths.Root, "policies", p)).ToArray();
        var list = Path.Combine(root, "checkpoints.txt");
        Directory.CreateDirectory(root);
        File.WriteAllLines(list, dirs.Select(d => "onnx:" + d));
        try
        {
            static TimeSpan Cpu() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime; }
            double evalCpu = double.MaxValue, sweepCpu = double.MaxValue;
            double Evals(int round)
            {
                var cpu = Cpu();
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < dirs.Length; i++)
                    EvalJob.Run(new EvalRequest("so101-pick-place", "onnx:" + dirs[i], episodes, 0, Path.Combine(root, $"eval{round}_{i}"), workers));
                if (round >= 0) evalCpu = Math.Min(evalCpu, (Cpu() - cpu).TotalSeconds);
                return sw.Elapsed.TotalSeconds;
            }
            double reportS = double.MaxValue;
            double Sweep(int round)
            {
                var cpu = Cpu();
                var sw = Stopwatch.StartNew();
                var req = new SweepRequest("so101-pick-place", list, episodes, 0, Path.Combine(root, $"sweep{round}"), workers);
                var job = new SweepJob(req);
                var outcome = new SweepRunner(job).Run(job.Manifest(), req.OutDir);
                double runs = sw.Elapsed.TotalSeconds;
                Harness.Cli.Commands.SweepCommand.WriteReport(outcome);
                reportS = Math.Min(reportS, sw.Elapsed.TotalSeconds - runs);
                sweepCpu = Math.Min(sweepCpu, (Cpu() - cpu).TotalSeconds);
                return sw.Elapsed.TotalSeconds;
            }
            Evals(-1); // warm-up (JIT, scene cache, ONNX Runtime)
            double evals = double.MaxValue, sweep = double.MaxValue;
            for (int r = 0; r < rounds; r++)
            {
                evals = Math.Min(evals, Evals(r));
                sweep = Math.Min(sweep, Sweep(r));
            }
            int total = episodes * dirs.Length;
            BenchReport.Table($"Sweep overhead ({dirs.Length} checkpoints x {episodes} episodes, --workers {workers}, {Environment.ProcessorCount} cores, best of {rounds})",
            [
                ("eval of each checkpoint (baseline)", $"{evals:0.00} s ({total / evals:0.0} episodes/s)"),
                ("sweep (incl. sweep.json, hashes, report)", $"{sweep:0.00} s ({total / sweep:0.0} episodes/s)"),
                ("overhead, wall time", $"{(sweep / evals - 1) * 100:+0.0;-0.0} % (goal <= 5 %)"),
                ("CPU time: eval / sweep", $"{evalCpu:0.00} s / {sweepCpu:0.00} s"),
                ("overhead, CPU time", $"{(sweepCpu / evalCpu - 1) * 100:+0.0;-0.0} % (goal <= 5 %)"),
                ("of which the comparison report", $"{reportS:0.00} s"),
            ]);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
