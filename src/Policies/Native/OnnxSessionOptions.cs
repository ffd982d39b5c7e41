namespace Harness.Policies.Native;

public enum ExecutionProvider { Cpu, Cuda }

/// <summary>ORT's graph optimisation levels (GraphOptimizationLevel).</summary>
public enum GraphOptimization { Disabled = 0, Basic = 1, Extended = 2, All = 99 }

/// <summary>
/// How to open a model. <see cref="IntraOpThreads"/> 0 lets ORT choose; CPU is the default
/// execution provider, CUDA is used only when asked for and fails loudly when unavailable.
/// </summary>
public sealed record OnnxSessionOptions(
    ExecutionProvider Provider = ExecutionProvider.Cpu,
    int IntraOpThreads = 0,
    GraphOptimization Optimization = GraphOptimization.All,
    int CudaDeviceId = 0)
{
    public static OnnxSessionOptions Default { get; } = new();
}
