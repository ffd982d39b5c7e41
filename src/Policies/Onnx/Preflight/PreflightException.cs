namespace Harness.Policies.Onnx.Preflight;

/// <summary>The policy failed pre-flight; lists every failed check.</summary>
public sealed class PreflightException(string policy, IReadOnlyList<PreflightFinding> findings)
    : Exception($"policy {policy} failed {findings.Count} pre-flight check(s):\n" +
                string.Join("\n", findings.Select(f => "  - " + f)) +
                "\nFix the package or the mapping, or pass --force to run anyway (the failures become warnings).")
{
    public IReadOnlyList<PreflightFinding> Findings { get; } = findings;
}
