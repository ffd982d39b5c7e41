using System.Diagnostics;
using Harness.Eval.Evaluation;
using Harness.Eval.Runs;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>Episodes per second with 1 worker (baseline) and with N workers, same episodes, same process.</summary>
public static class WorkerScalingBench
{
    public static void Run(int episodes = 40, int workers = 2, int rounds = 2)
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        double Measure(int w)
        {
            string dir = Path.Combine(Path.GetTempPath(), "harness-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                using var writer = RunDirectoryWriter.Create(dir, new RunSummary { Scene = scene.Name, Policy = "scripted" }, scene.Schema);
                var runner = new EvaluationRunner(_ =>
                {
                    var env = new MujocoEnv(scene);
                    return new WorkerSetup(env, scene.CreateExpert(), []);
                });
                var sw = Stopwatch.StartNew();
                runner.Run(new EvaluationPlan(episodes, 0, w), writer);
                return episodes / sw.Elapsed.TotalSeconds;
            }
            finally { Directory.Delete(dir, true); }
        }
        Measure(1); // warm-up (JIT, scene cache)
        double one = 0, many = 0;
        for (int r = 0; r < rounds; r++) { one = Math.Max(one, Measure(1)); many = Math.Max(many, Measure(workers)); }
        BenchReport.Table($"Worker scaling ({episodes} episodes, {Environment.ProcessorCount} cores, best of {rounds})",
        [
            ("--workers 1 (baseline)", $"{one:0.0} episodes/s"),
            ($"--workers {workers}", $"{many:0.0} episodes/s"),
            ("speed-up", $"{many / one:0.00}x (goal >= 1.7x on 2 cores)"),
        ]);
    }
}
