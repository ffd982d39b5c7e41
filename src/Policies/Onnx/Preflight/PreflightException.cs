using Harness.Core.Policies;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>The ONNX policy failed pre-flight; lists every failed check.</summary>
public sealed class PreflightException(PreflightReport report, IReadOnlyList<PreflightFinding> findings) : PreflightRefusedException(report)
{
    public IReadOnlyList<PreflightFinding> Findings { get; } = findings;
}
