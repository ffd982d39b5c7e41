using Harness.Bench.Benchmarks;

namespace Harness.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Harness.Bench -- NAME` runs one benchmark; no name runs all.
/// Every benchmark reports ratios against a baseline measured in the same run.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Action> Benches = new()
    {
        ["env"] = () => { EnvOverheadBench.Run("so101-pick-place"); EnvOverheadBench.Run("ur5e-pick-place"); },
        ["workers"] = () => WorkerScalingBench.Run(),
        ["render"] = () => { RenderBench.Run(); RenderBench.Run("ur5e-pick-place", "base_rgb", evalRun: false); },
        ["whiskers"] = () => WhiskerBench.Run(),
        ["onnx"] = () => OnnxBench.Run(),
        ["openpi"] = () => OpenPiBench.Run(),
        ["ur"] = () => UrBench.Run(),
        ["scenes"] = () => SceneStepBench.Run(),
        ["feetech"] = () => FeetechBench.Run(),
        ["so101-loop"] = () => So101LoopBench.Run(),
        ["datasets"] = () => DatasetReadBench.Run(),
        ["record"] = () => RecordBench.Run(),
        ["sweep"] = () => SweepBench.Run(),
        ["merge"] = () => MergeBench.Run(),
        // Long (about 2,000 episodes): run by name only.
        ["sweep-soak"] = () => SweepSoakBench.Run(),
    };

    private static readonly HashSet<string> ByNameOnly = ["sweep-soak"];

    public static int Main(string[] args)
    {
        var names = args.Length == 0 ? Benches.Keys.Where(k => !ByNameOnly.Contains(k)).ToArray() : args;
        foreach (var n in names)
        {
            if (!Benches.TryGetValue(n, out var run))
            {
                Console.Error.WriteLine($"unknown benchmark '{n}'; available: {string.Join(", ", Benches.Keys)}.");
                return 2;
            }
            run();
        }
        return 0;
    }
}
