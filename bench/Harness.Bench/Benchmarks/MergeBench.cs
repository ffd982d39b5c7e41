using System.Diagnostics;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// `harness merge` of 2 shards holding 100 checkpoints x 1,000 episodes (the pick-and-place schema's
/// columns, synthetic values), against copying the same files (the I/O floor), same process.
/// </summary>
public static class MergeBench
{
    public static void Run(int checkpoints = 100, int episodes = 1000)
    {
        string root = Path.Combine(Path.GetTempPath(), "harness-bench-merge-" + Guid.NewGuid().ToString("N")[..8]);
        var scene = SceneCatalog.Get("so101-pick-place");
        var schema = scene.Schema;
        var manifest = new SweepManifest
        {
            Scene = new SceneIdentity(scene.Name, scene.Version, scene.Sha256),
            Seed = 0,
            Episodes = episodes,
            Checkpoints = Enumerable.Range(0, checkpoints).Select(i => new SweepCheckpoint($"step_{(i + 1) * 500:D6}", $"onnx:runs/mlp/step_{(i + 1) * 500:D6}", Sha256: $"{i:x64}", TrainingStep: (i + 1) * 500)).ToList(),
        };
        try
        {
            var sw = Stopwatch.StartNew();
            var shards = new[] { 0, 1 }.Select(s => WriteShard(root, manifest, new ShardSpec(s, 2), schema)).ToArray();
            double write = sw.Elapsed.TotalSeconds;

            sw.Restart();
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.Contains("/shard")).ToList())
            {
                var to = f.Replace("/shard", "/copy");
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(f, to);
            }
            double copy = sw.Elapsed.TotalSeconds;

            sw.Restart();
            var outcome = ShardMerger.Merge(shards, Path.Combine(root, "merged"));
            double merge = sw.Elapsed.TotalSeconds;
            int rows = outcome.Runs.Sum(r => r.Summary!.Episodes);
            BenchReport.Table($"Merge ({checkpoints} runs x {episodes} episodes from 2 shards, {rows} rows)",
            [
                ("copy the shard files (baseline)", $"{copy:0.00} s"),
                ("harness merge (read, check, write runs + run.json)", $"{merge:0.00} s ({rows / merge:0} rows/s, {merge / copy:0.0}x the copy)"),
                ("(writing the synthetic shards)", $"{write:0.0} s"),
            ]);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static string WriteShard(string root, SweepManifest m, ShardSpec shard, Harness.Core.Tasks.TaskSchema schema)
    {
        string dir = Path.Combine(root, $"shard{shard.Index}");
        (m with { Shard = shard.ToString(), Result = new SweepResult(true, DateTimeOffset.UtcNow, []) }).Write(dir);
        var assignment = shard.Assign(m.Checkpoints.Count, m.Episodes);
        for (int c = 0; c < m.Checkpoints.Count; c++)
        {
            if (assignment[c].Count == 0) continue;
            var header = new RunSummary { Scene = m.Scene.Name, SceneIdentity = m.Scene, Task = "bench", Policy = m.Checkpoints[c].Spec, Seed = 0, EpisodesRequested = assignment[c].Count };
            using var w = RunDirectoryWriter.Create(SweepRunner.RunDir(dir, m.Checkpoints[c]), header, schema);
            w.AddRecorded(assignment[c].Select(e => Row(e, c, schema)));
            w.Complete(DateTimeOffset.UtcNow, 1);
        }
        return dir;
    }

    private static EpisodeRow Row(int e, int c, Harness.Core.Tasks.TaskSchema schema)
    {
        bool success = (e * 7 + c * 13) % 10 < 7;
        return new EpisodeRow
        {
            Episode = e, Seed = Harness.Core.Randomness.EpisodeSeeds.For(0, e), Outcome = success ? "SUCCESS" : "NEVER_PICKED_UP", Success = success,
            Steps = success ? 150 + e % 50 : 300,
            Metrics = schema.Metrics.ToDictionary(mm => mm.Key, mm => (double?)(mm.IsFlag ? (success ? 1 : 0) : 0.01 * (e % 97))),
            PolicyCalls = 15, PolicyLatencyMsP50 = 0.03, WallS = 0.4, Detail = success ? "block resting in the bowl" : "block never lifted",
        };
    }
}
