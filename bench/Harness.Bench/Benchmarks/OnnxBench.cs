using System.Diagnostics;
using System.Globalization;
using Harness.Core.Robots;
using Harness.Policies.Native;
using Harness.Policies.Onnx;
using Harness.Policies.Onnx.Writer;
using Microsoft.ML.OnnxRuntime;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// Per-call cost of the policy adapter against the baseline of a bare <c>InferenceSession.Run</c>
/// loop on the same model, same options, in the same process (inputs prepared once, outputs
/// allocated by ORT, as the C# API's samples do). <c>OnnxPolicy.Infer</c> does the whole job:
/// observation -> normalise -> run -> de-normalise -> chunk. Goal: <= 5 % over the baseline for
/// the ~10 MB MLP; the tiny MLP shows the fixed cost per call, the ACT-like fixture (camera
/// image, transformer) the cost of image preprocessing.
/// </summary>
public static class OnnxBench
{
    public static int Run(int rounds = 100, int callsPerRound = 10, int threads = 1)
    {
        OnnxRuntimeLibrary.EnsureLoaded();
        Console.WriteLine($"ONNX Runtime {OnnxRuntimeLibrary.Version} ({OnnxRuntimeLibrary.PackageName}), CPU provider, intra-op threads {threads}; " +
                          $"{rounds} rounds x {callsPerRound} calls, baseline and adapter interleaved; medians per call");
        Console.WriteLine();
        Console.WriteLine("| model | size | bare InferenceSession.Run (us) | OnnxPolicy.Infer (us) | of which inside ORT Run (us) | ratio Infer / bare |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var options = new OnnxSessionOptions(ExecutionProvider.Cpu, IntraOpThreads: threads);
        bool ok = true;
        ok &= Mlp("MLP 6-1024-1280-768-300", MlpModel.Random(11, Activation.Relu, 6, 1024, 1280, 768, 300), options, rounds, callsPerRound, goal: 1.05);
        Mlp("MLP 6-64-64-300", MlpModel.Random(12, Activation.Relu, 6, 64, 64, 300), options, rounds, callsPerRound, goal: null);
        ActFixture(options, rounds, callsPerRound);
        Console.WriteLine();
        Console.WriteLine(ok ? "goal met: OnnxPolicy.Infer within 5 % of a bare InferenceSession.Run for the ~10 MB model"
                             : "GOAL MISSED: OnnxPolicy.Infer more than 5 % over a bare InferenceSession.Run for the ~10 MB model");
        return ok ? 0 : 1;
    }

    private static bool Mlp(string label, IReadOnlyList<DenseLayer> layers, OnnxSessionOptions options, int rounds, int calls, double? goal)
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
            var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = [1, 2, 3, 4, 5, 6] }, new Dictionary<string, CameraImage>());
            return Compare(label, dir, obs, new Dictionary<string, long[]> { ["state"] = [1, 6] }, options, rounds, calls, goal);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>The ACT-like model exported by PyTorch (tests/fixtures/onnx/act_like), one 96x128 camera.</summary>
    private static void ActFixture(OnnxSessionOptions options, int rounds, int calls)
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory);
        var dir = root is null ? null : Path.Combine(root, "tests", "fixtures", "onnx", "act_like");
        if (dir is null || !File.Exists(Path.Combine(dir, "model.onnx")))
        {
            Console.WriteLine("| ACT-like fixture | - | not found (tests/fixtures/onnx/act_like) | | | |");
            return;
        }
        var image = new CameraImage(96, 128, 3, Enumerable.Range(0, 96 * 128 * 3).Select(i => (byte)(i * 7 % 251)).ToArray());
        var obs = new Observation(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = [0, -80, 60, 40, 0, 20] },
            new Dictionary<string, CameraImage> { [FeatureNames.Image("front")] = image });
        Compare("ACT-like (conv + transformer, PyTorch export)", dir, obs,
            new Dictionary<string, long[]> { ["observation.state"] = [1, 6], ["observation.images.front"] = [1, 3, 96, 128] }, options, rounds, calls, goal: null);
    }

    private static bool Compare(string label, string packageDir, Observation obs, IReadOnlyDictionary<string, long[]> inputShapes,
        OnnxSessionOptions options, int rounds, int calls, double? goal)
    {
        string modelPath = Path.Combine(packageDir, "model.onnx");
        using var policy = OnnxPolicy.Load(packageDir, new OnnxPolicyOptions(Session: options));

        // The baseline: what a C# user writes with ORT's own API, nothing of ours in the loop.
        using var so = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var bare = new InferenceSession(modelPath, so);
        using var runOptions = new RunOptions();
        var names = inputShapes.Keys.ToArray();
        var values = inputShapes.Values.Select(s => OrtValue.CreateTensorValueFromMemory(new float[s.Aggregate(1L, (a, d) => a * d)], s)).ToArray();
        var outputs = bare.OutputNames.ToArray();
        try
        {
            void BareCall() { using var r = bare.Run(runOptions, names, values, outputs); }
            void PolicyCall() => policy.Infer(obs, "");

            Warm(BareCall);
            Warm(PolicyCall);
            var bareTimes = new List<double>();
            var policyTimes = new List<double>();
            var inside = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < calls; i++) bareTimes.Add(Time(BareCall));
                for (int i = 0; i < calls; i++)
                {
                    var n0 = policy.NativeRunTime;
                    policyTimes.Add(Time(PolicyCall));
                    inside.Add((policy.NativeRunTime - n0).TotalMicroseconds);
                }
            }
            double b = Median(bareTimes), p = Median(policyTimes), n = Median(inside), ratio = p / b;
            string size = $"{new FileInfo(modelPath).Length / 1e6:F1} MB";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {size} | {b:F1} | {p:F1} | {n:F1} | {ratio:F3} |"));
            return goal is null || ratio <= goal;
        }
        finally { foreach (var v in values) v.Dispose(); }
    }

    /// <summary>A full second of calls: ORT's arena and plan settle, and .NET's tiered JIT promotes the hot methods.</summary>
    private static void Warm(Action call)
    {
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 200 || warm.ElapsedMilliseconds < 1000; i++) call();
    }

    private static double Time(Action call)
    {
        long t0 = Stopwatch.GetTimestamp();
        call();
        return Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
    }

    /// <summary>Medians, because this machine is shared: a preemption lands in one call and would otherwise skew the totals.</summary>
    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs[xs.Count / 2];
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        return null;
    }
}
