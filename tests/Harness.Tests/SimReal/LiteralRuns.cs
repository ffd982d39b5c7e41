using System.Globalization;
using System.Text;
using Harness.Tests.Support;

namespace Harness.Tests.SimReal;

/// <summary>Hand-written run directories (run.json format 2 + episodes.csv) for sim-to-real tests: every figure in the tests follows from these literals.</summary>
internal static class LiteralRuns
{
    public const string Scene = "5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0e5ce0";
    public static readonly int[] Seeds = [11, 12, 13, 14];

    public static string Sha(string checkpoint) => string.Concat(Enumerable.Repeat(checkpoint.ToLowerInvariant()[0] switch { 'a' => "a1", 'b' => "b2", 'c' => "c3", _ => "d4" }, 32));

    /// <summary>Outcomes as letters: S = SUCCESS, D = DROPPED_DURING_TRANSPORT, N = NEVER_PICKED_UP.</summary>
    public static string Write(string dir, string checkpoint, string outcomes, bool real, string scene = Scene, int[]? seeds = null, double[]? twinMean = null, double[]? twinMax = null)
    {
        seeds ??= Seeds;
        Directory.CreateDirectory(dir);
        var labels = outcomes.Select(c => c switch { 'S' => "SUCCESS", 'D' => "DROPPED_DURING_TRANSPORT", 'N' => "NEVER_PICKED_UP", _ => throw new ArgumentException(c.ToString()) }).ToArray();
        int k = labels.Count(l => l == "SUCCESS");
        string Count(string l) => labels.Count(x => x == l).ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(dir, "run.json"), $$"""
            {
              "format_version": 2,
              "scene": "so101-pick-place",
              "scene_identity": {"name": "so101-pick-place", "version": "1.0.0", "sha256": "{{scene}}"},
              "task": "pick-place",
              "policy": "onnx:/ckpt/{{checkpoint}}",
              "checkpoint": {"kind": "package", "location": "/ckpt/{{checkpoint}}", "sha256": "{{Sha(checkpoint)}}"},
              "settings": {{(real ? "{\"other\": {\"robot\": \"real\"}}" : "{}")}},
              "seed": 0,
              "episodes": {{labels.Length}},
              "episodes_requested": {{labels.Length}},
              "successes": {{k}},
              "success_rate": {{((double)k / labels.Length).ToString(CultureInfo.InvariantCulture)}},
              "outcomes": {"SUCCESS": {{Count("SUCCESS")}}, "DROPPED_DURING_TRANSPORT": {{Count("DROPPED_DURING_TRANSPORT")}}, "NEVER_PICKED_UP": {{Count("NEVER_PICKED_UP")}}},
              "complete": true
            }
            """);
        var csv = new StringBuilder("episode,seed,outcome,success,steps" + (twinMean is null ? "" : ",twin_tracking_error_mean_m,twin_tracking_error_max_m") + "\n");
        for (int i = 0; i < labels.Length; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i},{seeds[i]},{labels[i]},{(labels[i] == "SUCCESS" ? "true" : "false")},100")
               .Append(twinMean is null ? "" : string.Create(CultureInfo.InvariantCulture, $",{twinMean[i]},{twinMax![i]}")).Append('\n');
        File.WriteAllText(Path.Combine(dir, "episodes.csv"), csv.ToString());
        return dir;
    }

    /// <summary>
    /// Three checkpoints on seeds 11-14. Variant 'nominal': A SSSS, B SSDN, C SNNN (sim 1, 0.5, 0.25); real: A SDSD, B SSSN, C NNNN
    /// (0.5, 0.75, 0), with A's twin errors 1, 3, 1, 5 cm (max 2, 6, 2, 9 cm). Variant 'faithful': sim outcomes equal to real.
    /// </summary>
    public static (string Nominal, string Faithful, string Real) ThreeCheckpoints(TempDir t)
    {
        Write(t["nominal/A"], "A", "SSSS", real: false);
        Write(t["nominal/B"], "B", "SSDN", real: false);
        Write(t["nominal/C"], "C", "SNNN", real: false);
        Write(t["faithful/A"], "A", "SDSD", real: false);
        Write(t["faithful/B"], "B", "SSSN", real: false);
        Write(t["faithful/C"], "C", "NNNN", real: false);
        Write(t["real/A"], "A", "SDSD", real: true, twinMean: [0.01, 0.03, 0.01, 0.05], twinMax: [0.02, 0.06, 0.02, 0.09]);
        Write(t["real/B"], "B", "SSSN", real: true);
        Write(t["real/C"], "C", "NNNN", real: true);
        return (t["nominal"], t["faithful"], t["real"]);
    }
}
