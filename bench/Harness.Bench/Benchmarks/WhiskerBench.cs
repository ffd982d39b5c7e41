using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Experts;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;
using Harness.Sim.Whiskers;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Whiskers: (1) the cost of forward-simulating every chunk, as a ratio to the time the episode
/// spends in its own env.Step calls (scripted expert, 10-step chunks, executed whole or 5 rows
/// per query); (2) frames per second of the whisker video against the same video without
/// whiskers (same states, renderer and encoder), and of rendering alone.
/// </summary>
public static class WhiskerBench
{
    public static void Run(int episodes = 10, int rounds = 3)
    {
        var scene = SceneCatalog.Get("so101-pick-place");
        var rows = new List<(string, string)>();
        foreach (var (perQuery, reuse) in new (int?, bool)[] { (null, false), (null, true), (5, false), (5, true) })
        {
            double plainStep = double.MaxValue, whiskerStep = double.MaxValue, forward = double.MaxValue;
            long steps = 0;
            for (int round = 0; round < rounds; round++)
            {
                var (p, _, n) = Measure(scene, episodes, perQuery, whiskers: false, reuse);
                var (w, f, _) = Measure(scene, episodes, perQuery, whiskers: true, reuse);
                plainStep = Math.Min(plainStep, p);
                whiskerStep = Math.Min(whiskerStep, w);
                forward = Math.Min(forward, f);
                steps = n;
            }
            string mode = (perQuery is null ? "whole 10-step chunks" : $"{perQuery} of 10 rows per query") +
                          (reuse ? ", reusing executed rows (default)" : ", every chunk simulated in full");
            if (!reuse) rows.Add(($"{mode}: env.Step time, {steps} steps (baseline)", $"{plainStep * 1e3:0} ms"));
            rows.Add(($"{mode}: whisker forward simulation", $"{forward * 1e3:0} ms"));
            rows.Add(($"{mode}: whisker cost / episode simulation", $"{forward / plainStep:0.00}x"));
            rows.Add(($"{mode}: env.Step time with whiskers on / off", $"{whiskerStep / plainStep:0.00}x"));
        }
        BenchReport.Table($"Whisker forward simulation cost vs the episode's own env.Step time ({episodes} episodes, best of {rounds}; goal <= 1x for whole 10-step chunks)", rows);

        VideoFps(scene);
    }

    private static (double StepSeconds, double ForwardSeconds, long Steps) Measure(SceneDefinition scene, int episodes, int? perQuery, bool whiskers, bool reuse)
    {
        using var env = new MujocoEnv(scene);
        using var policy = scene.CreateExpert("scripted", 10);
        var clock = new StepClock();
        using var sim = new WhiskerSimulator(new WhiskerOptions(ReuseExecutedRows: reuse));
        IReadOnlyList<IEpisodeObserver> observers = whiskers ? [clock.First, sim, clock.Last] : [clock.First, clock.Last];
        var runner = new EpisodeRunner(env, policy, perQuery is null ? null : new ChunkExecution(perQuery), observers);
        long steps = 0;
        for (int e = 0; e < episodes; e++) steps += runner.Run(e, EpisodeSeeds.For(0, e)).StepCount;
        return (clock.StepSeconds, sim.ForwardSimulationTime.TotalSeconds, steps);
    }

    private static void VideoFps(SceneDefinition scene)
    {
        const int h = 480, w = 640;
        var backend = GlBackends.Resolve();
        using var env = new MujocoEnv(scene);
        using var policy = scene.CreateExpert();
        using var sim = new WhiskerSimulator(new WhiskerOptions(RecordSnapshots: true), policy);
        new EpisodeRunner(env, policy, null, [sim]).Run(0, EpisodeSeeds.For(0, 0));
        var frames = new WhiskerFrames(env.Model, sim.Trace, sim.Snapshots.ToArray());
        var renderer = new CameraRenderer(env.Model, h, w, backend);
        // The recording owns env, frames and renderer; the env is disposed with it.
        var recording = new WhiskerRecording(env, frames, renderer, "overhead_cam");
        recording.Render(0); // GL context and first-frame costs stay out of the timings

        double RenderFps(bool whiskers)
        {
            var sw = Stopwatch.StartNew();
            for (int k = 0; k < frames.Count; k++) recording.Render(k, whiskers);
            return frames.Count / sw.Elapsed.TotalSeconds;
        }
        double VideoFps(bool whiskers)
        {
            string path = Path.Combine(Path.GetTempPath(), $"harness-bench-whiskers-{Environment.ProcessId}-{whiskers}.mp4");
            var sw = Stopwatch.StartNew();
            recording.WriteVideo(path, whiskers);
            double fps = frames.Count / sw.Elapsed.TotalSeconds;
            File.Delete(path);
            return fps;
        }

        double plainRender = 0, whiskerRender = 0, plainVideo = 0, whiskerVideo = 0;
        for (int round = 0; round < 2; round++)
        {
            plainRender = Math.Max(plainRender, RenderFps(false));
            whiskerRender = Math.Max(whiskerRender, RenderFps(true));
            plainVideo = Math.Max(plainVideo, VideoFps(false));
            whiskerVideo = Math.Max(whiskerVideo, VideoFps(true));
        }
        int geoms = Enumerable.Range(0, frames.Count).Max(k => frames.OverlayAt(k).Count);
        BenchReport.Table($"Whisker video ({frames.Count} frames, {h}x{w}, overhead_cam, {GlLibrary.Description}, best of 2)",
        [
            ("plain render (baseline)", $"{plainRender:0.0} fps"),
            ($"render with whiskers (up to {geoms} overlay geoms)", $"{whiskerRender:0.0} fps ({whiskerRender / plainRender:0.00}x)"),
            ("plain video, render + H.264 (baseline)", $"{plainVideo:0.0} fps"),
            ("whisker video, render + H.264", $"{whiskerVideo:0.0} fps ({whiskerVideo / plainVideo:0.00}x)"),
        ]);
        recording.Dispose();
    }

    /// <summary>
    /// Time inside env.Step: <see cref="First"/> (first observer) stamps the moment a step
    /// returns, <see cref="Last"/> (last observer) the moment every observer is done, so the span
    /// between them is the step alone, without policy or observer time.
    /// </summary>
    private sealed class StepClock
    {
        private long _mark, _ticks;
        public double StepSeconds => _ticks / (double)Stopwatch.Frequency;
        public IEpisodeObserver First => new FirstFace(this);
        public IEpisodeObserver Last => new LastFace(this);

        private sealed class FirstFace(StepClock c) : IEpisodeObserver
        {
            public void OnStep(IRobotEnv env, StepRecord step, Observation next) => c._ticks += Stopwatch.GetTimestamp() - c._mark;
        }

        private sealed class LastFace(StepClock c) : IEpisodeObserver
        {
            public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first) => c._mark = Stopwatch.GetTimestamp();
            public void OnChunk(IRobotEnv env, ChunkRecord chunk) => c._mark = Stopwatch.GetTimestamp();
            public void OnStep(IRobotEnv env, StepRecord step, Observation next) => c._mark = Stopwatch.GetTimestamp();
        }
    }
}
