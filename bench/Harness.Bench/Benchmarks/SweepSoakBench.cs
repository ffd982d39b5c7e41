using System.Diagnostics;
using Harness.Cli.Composition;
using Harness.Eval.Sweeps;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Soak: one sweep of 2,000 episodes (4 checkpoints x 500) in one process, resident set size sampled
/// after every checkpoint (after a full GC). Memory is flat when the end is within a few MiB of the
/// sample taken after the first checkpoint (the baseline: JIT, ONNX Runtime and MuJoCo loaded).
/// </summary>
public static class SweepSoakBench
{
    public static void Run(int episodesPerCheckpoint = 500, int workers = 2)
    {
        string root = Path.Combine(Path.GetTempPath(), "harness-bench-soak-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var list = Path.Combine(root, "checkpoints.txt");
        File.WriteAllLines(list, new[] { "so101_state_mlp_5", "so101_state_mlp_20", "so101_state_mlp_80", "so101_state_mlp_320" }
            .Select(p => "onnx:" + Path.Combine(BenchPaths.Root, "policies", p)));
        try
        {
            var samples = new List<(string When, long Rss)> { ("start", Rss()) };
            var req = new SweepRequest("so101-pick-place", list, episodesPerCheckpoint, 0, Path.Combine(root, "sweep"), workers);
            var job = new SweepJob(req);
            var sw = Stopwatch.StartNew();
            var outcome = new SweepRunner(job, new Sampler(samples)).Run(job.Manifest(), req.OutDir);
            double seconds = sw.Elapsed.TotalSeconds;
            int episodes = outcome.Runs.Sum(r => r.Summary?.Episodes ?? 0);
            long warm = samples[1].Rss, end = samples[^1].Rss;
            BenchReport.Table($"Sweep soak ({episodes} episodes in one process, --workers {workers}, {seconds:0} s)",
                samples.Select(s => ($"RSS {s.When}", $"{s.Rss / 1048576.0:0.0} MiB"))
                    .Append(("growth after the first checkpoint (baseline)", $"{(end - warm) / 1048576.0:+0.0;-0.0} MiB over {episodes - episodesPerCheckpoint} episodes ({(double)(end - warm) / warm * 100:+0.0;-0.0} %)"))
                    .ToList());
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    private sealed class Sampler(List<(string When, long Rss)> samples) : ISweepProgress
    {
        public void Finished(SweepCheckpoint checkpoint, Harness.Eval.Runs.RunSummary run) => samples.Add(($"after {checkpoint.Name} ({run.Episodes} episodes)", Rss()));
    }
}
