using System.Text.Json.Serialization;

namespace Harness.Core.Policies;

/// <summary>The result of one pre-flight check.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PreflightStatus>))]
public enum PreflightStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    /// <summary>Merely odd: reported, never refuses a run.</summary>
    [JsonStringEnumMemberName("warn")] Warn,
    /// <summary>Refuses the run unless forced.</summary>
    [JsonStringEnumMemberName("fail")] Fail,
    /// <summary>Not applicable here, or impossible to check (the message says why).</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>One check's outcome: its name, status and, unless it passed, what was expected, found and to do.</summary>
public sealed record PreflightResult(
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("result")] PreflightStatus Status,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public override string ToString() => Message is null ? $"[{Check}] {Status}" : $"[{Check}] {Message}";
}

/// <summary>
/// Every pre-flight check of one policy. <see cref="Forced"/>: the user accepted failures
/// (--force), so they are reported and recorded but do not refuse the run.
/// </summary>
public sealed record PreflightReport(string Policy, IReadOnlyList<PreflightResult> Results, bool Forced = false)
{
    public IReadOnlyList<PreflightResult> Failures => Results.Where(r => r.Status == PreflightStatus.Fail).ToList();
    public IReadOnlyList<PreflightResult> Warnings => Results.Where(r => r.Status == PreflightStatus.Warn).ToList();

    public bool Refused => !Forced && Failures.Count > 0;

    /// <summary>Failures accepted with --force, then warnings: what a forced run prints before its first episode.</summary>
    public IReadOnlyList<PreflightResult> Notices => [.. Failures, .. Warnings];

    /// <summary>Throws <see cref="PreflightRefusedException"/> when a check failed and the run is not forced.</summary>
    public PreflightReport ThrowIfRefused() => Refused ? throw new PreflightRefusedException(this) : this;
}

/// <summary>The policy failed pre-flight; lists every failed check and what to do.</summary>
public class PreflightRefusedException(PreflightReport report)
    : Exception($"policy {report.Policy} failed {report.Failures.Count} pre-flight check(s):\n" +
                string.Join("\n", report.Failures.Select(f => "  - " + f)) +
                "\nFix the package or the mapping, or pass --force to run anyway (the failures are printed and recorded in run.json).")
{
    public PreflightReport Report { get; } = report;
}
