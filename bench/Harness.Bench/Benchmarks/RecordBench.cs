using System.Diagnostics;
using Harness.Cli.Composition;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// `record`: wall time of an eval that records a LeRobot dataset with two 224x224 cameras
/// (rendered, AV1/H.264-encoded, statistics) against the same eval with --video of the same two
/// cameras, in the same process; rounds alternate, medians. Target: recording costs at most 25 %
/// more than --video.
/// </summary>
public static class RecordBench
{
    private const string Scene = "so101-pick-place";
    private const string Cameras = "overhead_cam,wrist_cam";

    public static int Run(int episodes = 2, int maxSteps = 90, int rounds = 3)
    {
        var images = new ImageOptions(224, 224, CameraRenderer.Factory(GlBackends.Resolve()));
        var video = new List<double>();
        var record = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            string root = Path.Combine(Path.GetTempPath(), $"harness-record-bench-{Guid.NewGuid():N}");
            try
            {
                double Video() => Time(() => EvalJob.Run(new EvalRequest(Scene, "scripted", episodes, 0, Path.Combine(root, "v"), MaxSteps: maxSteps, Images: images,
                    Observers: VideoObservers.For(Scene, Path.Combine(root, "v"), episodes, Cameras))));
                double Record() => Time(() =>
                {
                    var (recording, observers) = RecordObservers.For(Scene, Path.Combine(root, "ds"), null, null, Cameras, false)!.Value;
                    using (recording)
                    {
                        EvalJob.Run(new EvalRequest(Scene, "scripted", episodes, 0, Path.Combine(root, "r"), MaxSteps: maxSteps, Images: images, Observers: observers));
                        recording.Complete();
                    }
                });
                if (round % 2 == 0) { video.Add(Video()); record.Add(Record()); }
                else { record.Add(Record()); video.Add(Video()); }
            }
            finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
        }
        double v = Median(video), r = Median(record);
        Console.WriteLine($"record bench: {episodes} episodes x <= {maxSteps} steps, scripted policy, 1 worker, cameras {Cameras} at 224x224, {rounds} alternating rounds, medians, {Environment.ProcessorCount} cores");
        BenchReport.Table("Recording a dataset vs --video", [
            ("eval --video (baseline)", $"{v:0.00} s"),
            ("eval --record (dataset with 2 camera videos)", $"{r:0.00} s"),
            ("recording overhead vs --video", $"{(r / v - 1) * 100:0.0} %"),
        ]);
        return 0;
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }
}
