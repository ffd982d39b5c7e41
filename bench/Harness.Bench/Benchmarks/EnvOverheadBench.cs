using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Harness overhead: control steps per second through MujocoEnv + EpisodeRunner (task monitor,
/// observations, action mapping, records) replaying the scripted expert's recorded actions, versus a
/// raw mj_step loop on the same model replaying the same controls from the same initial states, in
/// the same process. Alternates the two to share any machine noise. The raw loop gets the
/// environment's gravity compensation (constant xfrc_applied), as the scene needs it. The expert's
/// own compute (IK every step) is the policy's, not the harness's: it is shown on a line of its own.
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

        // Record what the harness did, so the raw loop replays identical physics and the timed harness
        // runs replay the expert's actions.
        var recorded = new List<(Harness.Core.Robots.EnvSnapshot Start, double[][] Ctrl)>();
        var replays = new List<Recorded>();
        for (int e = 0; e < episodes; e++)
        {
            var rec = runner.Run(e, EpisodeSeeds.For(0, e));
            var ctrl = rec.Steps.Select(s => { var c = new double[env.Model.Nu]; joints.ToControl(s.AppliedAction, c); return c; }).ToArray();
            recorded.Add((rec.Chunks[0].State!, ctrl));
            replays.Add(new Recorded(rec.Steps.Select(s => s.CommandedAction).ToArray()));
        }
        long totalSteps = recorded.Sum(r => (long)r.Ctrl.Length);

        using var raw = new MjData(env.Model);
        env.Data.XfrcApplied.CopyTo(raw.XfrcApplied);
        double harnessBest = double.MaxValue, rawBest = double.MaxValue, expertBest = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int e = 0; e < episodes; e++) new EpisodeRunner(env, replays[e]).Run(e, EpisodeSeeds.For(0, e));
            harnessBest = Math.Min(harnessBest, sw.Elapsed.TotalSeconds);

            sw.Restart();
            for (int e = 0; e < episodes; e++) runner.Run(e, EpisodeSeeds.For(0, e));
            expertBest = Math.Min(expertBest, sw.Elapsed.TotalSeconds);

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
        double harnessSps = totalSteps / harnessBest, rawSps = totalSteps / rawBest, expertSps = totalSteps / expertBest;
        BenchReport.Table($"Harness overhead on {sceneName} ({episodes} episodes, {totalSteps} control steps of {env.Substeps} substeps, best of {rounds})",
        [
            ("raw mj_step loop (baseline)", $"{rawSps:0} steps/s"),
            ("MujocoEnv + EpisodeRunner, recorded actions", $"{harnessSps:0} steps/s"),
            ("harness overhead", $"{(rawSps / harnessSps - 1) * 100:0.0} % (goal <= 5 %)"),
            ("with the scripted expert computing (its IK)", $"{expertSps:0} steps/s ({(rawSps / expertSps - 1) * 100:0.0} % over raw)"),
        ]);
    }

    /// <summary>Plays one episode's recorded actions back, a whole chunk from the current step.</summary>
    private sealed class Recorded(double[][] actions) : IPolicy
    {
        public string Name => "recorded";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation observation, string task) =>
            new(actions[Math.Min(observation.Step, actions.Length - 1)..]);
        public void Dispose() { }
    }
}
