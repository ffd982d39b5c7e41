using System.Diagnostics;
using Harness.Cli.Composition;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// `render`: camera frames per second through the harness (MujocoEnv.Render: scene update,
/// render, read-back, row flip, image record) against a raw native loop of mjv_updateScene +
/// mjr_render + mjr_readPixels in the same process, at 224x224 and 480x640; then a full eval
/// with two video cameras at 224x224 against the same eval without cameras (so101-pick-place).
/// Backend from HARNESS_GL (default osmesa).
/// </summary>
public static class RenderBench
{
    public static int Run(string scene = "so101-pick-place", string camera = "overhead_cam", bool evalRun = true, double seconds = 1.0)
    {
        var backend = GlBackends.Resolve();
        const int rounds = 5;
        Console.WriteLine($"render bench ({scene}, {camera}): backend {backend.Name()}, {Environment.ProcessorCount} cores, ~{seconds:0.#} s per measurement, {rounds} alternating rounds, medians (ratio: median of per-round ratios)");
        Console.WriteLine();
        Console.WriteLine("| size | harness fps | raw loop fps | harness / raw |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (h, w) in new[] { (224, 224), (480, 640) })
        {
            using var env = new MujocoEnv(SceneCatalog.Get(scene), new MujocoEnvOptions(h, w, CameraRenderer.Factory(backend)));
            env.Reset(0);
            using var raw = new MjRenderContext(env.Model, h, w, backend, env.Model.NGeom + CameraRenderer.DefaultOverlayCapacity + 500);
            int cam = env.Model.RequireId(MjObject.Camera, camera);
            for (int i = 0; i < 3; i++) env.Render(camera);
            raw.RawLoop(env.Data, cam, 3);

            // Alternate the two loops so load from other processes hits both alike.
            var harness = new List<double>();
            var baseline = new List<double>();
            var ratios = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                bool harnessFirst = round % 2 == 0;
                double a = 0, b = 0;
                if (harnessFirst) a = Fps(seconds, n => { for (int i = 0; i < n; i++) env.Render(camera); });
                b = Fps(seconds, n => raw.RawLoop(env.Data, cam, n));
                if (!harnessFirst) a = Fps(seconds, n => { for (int i = 0; i < n; i++) env.Render(camera); });
                harness.Add(a); baseline.Add(b); ratios.Add(a / b);
            }
            Console.WriteLine($"| {h}x{w} | {Median(harness):0.0} | {Median(baseline):0.0} | {Median(ratios):0.000} |");
        }

        Console.WriteLine($"GL: {GlLibrary.Description}");
        Console.WriteLine();
        if (evalRun) EvalRun(backend);
        return 0;
    }

    // Runs batches of growing size until the time budget is spent; returns frames per second.
    private static double Fps(double seconds, Action<int> frames)
    {
        var clock = Stopwatch.StartNew();
        int total = 0, batch = 2;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            frames(batch);
            total += batch;
            batch = Math.Min(batch * 2, 32);
        }
        return total / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }

    private static void EvalRun(GlBackend backend)
    {
        const string Scene = "so101-pick-place";
        const int episodes = 2, maxSteps = 90;
        string root = Path.Combine(Path.GetTempPath(), $"harness-render-bench-{Guid.NewGuid():N}");
        try
        {
            var images = new ImageOptions(224, 224, CameraRenderer.Factory(backend));
            var clock = Stopwatch.StartNew();
            var plain = EvalJob.Run(new EvalRequest(Scene, "scripted", episodes, 0, Path.Combine(root, "plain"), MaxSteps: maxSteps, Images: images));
            double plainS = clock.Elapsed.TotalSeconds;

            var observers = VideoObservers.For(Scene, Path.Combine(root, "video"), episodes, "overhead_cam,wrist_cam");
            clock.Restart();
            var video = EvalJob.Run(new EvalRequest(Scene, "scripted", episodes, 0, Path.Combine(root, "video"), MaxSteps: maxSteps, Images: images, Observers: observers));
            double videoS = clock.Elapsed.TotalSeconds;

            int steps = File.ReadAllLines(Path.Combine(root, "video", "episodes.csv")).Length - 1 is var n && n == episodes
                ? ReadSteps(Path.Combine(root, "video", "episodes.csv")) : throw new InvalidOperationException("episodes.csv incomplete");
            int frames = steps + episodes;
            Console.WriteLine($"eval, scripted policy, {episodes} episodes x <= {maxSteps} steps, 1 worker ({steps} steps in all):");
            Console.WriteLine("| run | wall s | steps/s | video frames/s (2 cameras each) |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| state only | {plainS:0.00} | {steps / plainS:0.0} | - |");
            Console.WriteLine($"| + video overhead_cam,wrist_cam 224x224 | {videoS:0.00} | {steps / videoS:0.0} | {frames / videoS:0.0} |");
            Console.WriteLine($"state-only / video wall time: {plainS / videoS:0.000}");
            _ = plain; _ = video;
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }

    private static int ReadSteps(string csv)
    {
        var lines = File.ReadAllLines(csv);
        int col = Array.IndexOf(lines[0].Split(','), "steps");
        return lines.Skip(1).Sum(l => int.Parse(l.Split(',')[col]));
    }
}
