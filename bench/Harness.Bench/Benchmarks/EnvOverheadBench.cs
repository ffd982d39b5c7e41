using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Core.Randomness;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Harness overhead: control steps per second through MujocoEnv + EpisodeRunner with the scripted
/// policy, versus a raw mj_step loop on the same model replaying the same controls from the same
/// initial states, in the same process. Alternates the two to share any machine noise. The raw
/// loop gets the environment's gravity compensation (constant xfrc_applied), as the scene needs it.
/// </summary>
public static class EnvOverheadBench
{
    public static void Run(string sceneName = "so101-pick-place", int episodes = 20, int rounds = 3)
    {
        var scene = SceneCatalog.Get(sceneName);
        using var env = new MujocoEnv(scene);
        using var policy = scene.CreateExpert();
        var runner = new EpisodeRunner(env, policy);
        var joints = env.Parts.Joints;

        // Record what the harness did, so the raw loop replays identical physics.
        var recorded = new List<(Harness.Core.Robots.EnvSnapshot Start, double[][] Ctrl)>();
        for (int e = 0; e < episodes; e++)
        {
            var rec = runner.Run(e, EpisodeSeeds.For(0, e));
            var ctrl = rec.Steps.Select(s => { var c = new double[env.Model.Nu]; joints.ToControl(s.AppliedAction, c); return c; }).ToArray();
            recorded.Add((rec.Chunks[0].State!, ctrl));
        }
        long totalSteps = recorded.Sum(r => (long)r.Ctrl.Length);

        using var raw = new MjData(env.Model);
        env.Data.XfrcApplied.CopyTo(raw.XfrcApplied);
        double harnessBest = double.MaxValue, rawBest = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int e = 0; e < episodes; e++) runner.Run(e, EpisodeSeeds.For(0, e));
            harnessBest = Math.Min(harnessBest, sw.Elapsed.TotalSeconds);

            sw.Restart();
            foreach (var (start, ctrl) in recorded)
            {
                PhysicsState.Restore(raw, start);
                foreach (var c in ctrl)
                {
                    c.CopyTo(raw.Ctrl);
                    raw.Step(env.Substeps);
                }
            }
            rawBest = Math.Min(rawBest, sw.Elapsed.TotalSeconds);
        }
        double harnessSps = totalSteps / harnessBest, rawSps = totalSteps / rawBest;
        BenchReport.Table($"Harness overhead on {sceneName} ({episodes} episodes, {totalSteps} control steps of {env.Substeps} substeps, best of {rounds})",
        [
            ("raw mj_step loop (baseline)", $"{rawSps:0} steps/s"),
            ("MujocoEnv + EpisodeRunner + scripted", $"{harnessSps:0} steps/s"),
            ("harness overhead", $"{(rawSps / harnessSps - 1) * 100:0.0} % (goal <= 10 %)"),
        ]);
    }
}
