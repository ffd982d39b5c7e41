using System.Diagnostics;
using System.Globalization;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Per-call overhead of the ONNX binding and policy adapter: wall time of a call minus the time
/// spent inside ORT's Run (the baseline, measured in the same calls). Models: a ~10 MB MLP (the
/// goal: overhead <= 5 %) and a tiny one (shows the fixed cost per call).
/// </summary>
public static class OnnxBench
{
    public static int Run(int iterations = 1000, int threads = 1)
    {
        Console.WriteLine($"ONNX Runtime {OnnxSession.RuntimeVersion} (API {OnnxSession.RuntimeApiVersion}), CPU provider, intra-op threads {threads}, {iterations} calls per row");
        Console.WriteLine();
        Console.WriteLine("| model | size | layer | per call (us) | inside ORT Run (us) | overhead (us) | overhead / call |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        bool ok = true;
        ok &= Measure("MLP 6-1024-1280-768-300", MlpModel.Random(11, Activation.Relu, 6, 1024, 1280, 768, 300), iterations, threads, goal: 0.05);
        Measure("MLP 6-64-64-300", MlpModel.Random(12, Activation.Relu, 6, 64, 64, 300), iterations, threads, goal: null);
        Console.WriteLine();
        Console.WriteLine(ok ? "goal met: overhead <= 5 % of the call for the ~10 MB model" : "GOAL MISSED: overhead > 5 % of the call for the ~10 MB model");
        return ok ? 0 : 1;
    }

    private static bool Measure(string label, IReadOnlyList<DenseLayer> layers, int iterations, int threads, double? goal)
    {
        var bytes = OnnxModelWriter.Serialize(MlpModel.Build(layers, chunk: (50, 6)));
        string dir = Directory.CreateTempSubdirectory("harness-bench-onnx-").FullName;
        try
        {
            var manifest = new PolicyManifest(
                [new PolicyInput("state", FeatureNames.State, InputKind.State)],
                new PolicyOutput("actions", OutputForm.Chunk),
                new Dictionary<string, NormalizationMode> { [FeatureNames.State] = NormalizationMode.MeanStd, [FeatureNames.Action] = NormalizationMode.MeanStd },
                NActionSteps: 25);
            var stats = new PolicyStats(new Dictionary<string, FeatureStats>
            {
                [FeatureNames.State] = new(Mean: new double[6], Std: [10, 10, 10, 10, 10, 10]),
                [FeatureNames.Action] = new(Mean: new double[6], Std: [30, 30, 30, 30, 30, 30]),
            });
            PolicyPackageWriter.Write(dir, bytes, manifest, stats);
            var options = new OnnxSessionOptions(ExecutionProvider.Cpu, IntraOpThreads: threads);
            string size = $"{bytes.Length / 1e6:F1} MB";

            // Layer 1: the binding alone (OnnxSession.Run on a ready tensor).
            using (var session = OnnxSession.Load(bytes, options))
            {
                var input = new Dictionary<string, OnnxTensor> { ["state"] = OnnxTensor.FromFloats(new float[6], 1, 6) };
                var (wall, native) = Time(iterations, () => session.Run(input), () => session.NativeRunTime);
                Row(label, size, "OnnxSession.Run", wall, native, iterations);
            }
            // Layer 2: the whole policy call (observation -> normalise -> run -> de-normalise -> chunk).
            using var policy = OnnxPolicy.Load(dir, new OnnxPolicyOptions(Session: options));
            var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = [1, 2, 3, 4, 5, 6] }, new Dictionary<string, CameraImage>());
            var (pw, pn) = Time(iterations, () => policy.Infer(obs, ""), () => policy.NativeRunTime);
            double share = Row(label, size, "OnnxPolicy.Infer", pw, pn, iterations);
            return goal is null || share <= goal;
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// Median per-call wall time and median per-call time inside ORT Run. Medians, because this
    /// machine is shared: a preemption lands in one call and would otherwise skew the totals.
    /// </summary>
    private static (TimeSpan Wall, TimeSpan Native) Time(int iterations, Action call, Func<TimeSpan> native)
    {
        // Warm-up for a full second: ORT's arena and plan settle, and .NET's tiered JIT promotes
        // the hot methods (it waits ~100 ms after 30 calls), so no call below runs unoptimised code.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 200 || warm.ElapsedMilliseconds < 1000; i++) call();
        var wall = new double[iterations];
        var inside = new double[iterations];
        var over = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            TimeSpan n0 = native();
            long t0 = Stopwatch.GetTimestamp();
            call();
            wall[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            inside[i] = (native() - n0).TotalMicroseconds;
            over[i] = wall[i] - inside[i];
        }
        Array.Sort(wall); Array.Sort(inside); Array.Sort(over);
        double wMed = wall[iterations / 2], oMed = over[iterations / 2];
        return (TimeSpan.FromMicroseconds(wMed * iterations), TimeSpan.FromMicroseconds((wMed - oMed) * iterations));
    }

    private static double Row(string label, string size, string layer, TimeSpan wall, TimeSpan native, int n)
    {
        double w = wall.TotalMicroseconds / n, r = native.TotalMicroseconds / n, o = w - r;
        double share = o / w;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {size} | {layer} | {w:F1} | {r:F1} | {o:F1} | {share:P2} |"));
        return share;
    }
}
