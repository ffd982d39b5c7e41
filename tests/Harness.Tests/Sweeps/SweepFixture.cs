using System.Diagnostics;
using System.Text.Json;
using Harness.Tests.Support;

namespace Harness.Tests.Sweeps;

/// <summary>Helpers shared by the sweep tests that run the real scene and the real `harness` binary.</summary>
public static class SweepFixture
{
    public const string Scene = "so101-pick-place";

    /// <summary>The harness apphost built next to the tests (a real child process, killable with SIGKILL).</summary>
    public static string Binary => Path.Combine(AppContext.BaseDirectory, "harness");

    /// <summary>A checkpoint list file of shipped packages (absolute paths, so the tests' working directory does not matter).</summary>
    public static string List(TempDir dir, params string[] packages)
    {
        var path = dir["checkpoints.txt"];
        File.WriteAllLines(path, packages.Select(p => p.Contains(':') ? p : "onnx:" + Path.Combine(RepoPaths.Root, "policies", p)));
        return path;
    }

    public static string[] Args(string checkpoints, int episodes, string outDir, params string[] more) =>
        ["sweep", "--scene", Scene, "--checkpoints", checkpoints, "--episodes", episodes.ToString(), "--seed", "0", "--out", outDir, .. more];

    /// <summary>run.json figures that must agree between equal sweeps (timings, dates and provenance left out).</summary>
    public static string Aggregates(string runDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "run.json")));
        var r = doc.RootElement;
        return string.Join("\n", new[] { "episodes", "episodes_requested", "successes", "success_rate", "ci95", "outcomes", "metrics", "complete", "seed", "checkpoint", "settings", "scene_identity" }
            .Select(k => $"{k}={r.GetProperty(k).GetRawText()}"));
    }

    public static void AssertSameRuns(string expectedSweep, string actualSweep, IEnumerable<string> names)
    {
        foreach (var n in names)
        {
            Assert.That(EpisodeCsvText.WithoutTiming(Path.Combine(actualSweep, n, "episodes.csv")),
                Is.EqualTo(EpisodeCsvText.WithoutTiming(Path.Combine(expectedSweep, n, "episodes.csv"))), $"{n}: episodes.csv");
            Assert.That(Aggregates(Path.Combine(actualSweep, n)), Is.EqualTo(Aggregates(Path.Combine(expectedSweep, n))), $"{n}: run.json aggregates");
        }
    }

    public static Process Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? RepoPaths.Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    public static (int Code, string Out, string Err) RunChild(IEnumerable<string> args, int timeoutS = 300, string? workingDirectory = null)
    {
        using var p = Start(args, workingDirectory);
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeoutS * 1000)) { p.Kill(true); Assert.Fail($"harness {string.Join(' ', args)} timed out"); }
        return (p.ExitCode, output.Result, err.Result);
    }

    public static int Rows(string csv) => File.Exists(csv) ? Math.Max(0, File.ReadAllLines(csv).Length - 1) : 0;
}
