using Harness.Core.Policies;

namespace Harness.Cli.Output;

/// <summary>Prints what a pre-flight let through: failures accepted with --force, then warnings (stderr, before the first episode).</summary>
public static class PreflightNotices
{
    public static void Print(PreflightReport report, TextWriter? to = null)
    {
        to ??= Console.Error;
        var failures = report.Failures;
        if (failures.Count > 0)
        {
            to.WriteLine($"pre-flight: {failures.Count} check(s) of {report.Policy} failed and were accepted with --force (recorded in run.json):");
            foreach (var f in failures) to.WriteLine($"  - {f}");
        }
        foreach (var w in report.Warnings) to.WriteLine($"pre-flight warning: {w}");
    }
}
