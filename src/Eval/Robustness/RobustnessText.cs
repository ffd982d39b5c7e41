using System.Globalization;

namespace Harness.Eval.Robustness;

/// <summary>The sentences Markdown and HTML share, so both say the same thing.</summary>
public static class RobustnessText
{
    public static string Lead(RobustnessReport r)
    {
        var p = r.Plan;
        return $"Scene `{p.Scene}`{(p.SceneIdentity is { } id ? $" {id.Version} (sha256 {id.Sha256[..Math.Min(12, id.Sha256.Length)]})" : "")}, run seed {p.Seed}, " +
               $"{p.Episodes} episodes per level, {p.Levels} levels per axis from nominal (level 0) to the edge of the axis's range (level {p.Levels - 1}). " +
               "Episode i has the same seed at every level and for every checkpoint, so levels and checkpoints are compared on the same initial states. " +
               $"Generated {r.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by harness {r.HarnessVersion}.";
    }

    public static string AxisLine(AxisPlan a, int levels)
    {
        bool twoSided = a.Low < a.Nominal && a.Nominal < a.High;
        string values = string.Join("; ", Enumerable.Range(0, levels).Select(k => $"level {k}: {a.Level(k).Text}"));
        return $"{(a.Description.Length > 0 ? a.Description.TrimEnd('.') + ". " : "")}Kind `{a.Kind}`, nominal {Num(a.Nominal)}, range [{Num(a.Low)}, {Num(a.High)}]{(a.Unit.Length > 0 ? $" ({a.Unit})" : "")}. " +
               $"{values}." + (twoSided ? " Each episode goes towards the low or the high edge as its seed says (the same side at every level)." : "");
    }

    public static string NoStill(AxisPlan a) => a.Still == "none"
        ? $"A still cannot show `{a.Name}` ({a.Kind} changes what happens, not what the scene looks like); the values per level are listed above."
        : $"No stills were rendered for `{a.Name}` (rendering was off or failed; see the command's output).";

    public static string Method =>
        "Success rates carry Wilson score 95 % intervals. *p vs nominal*: exact two-sided McNemar test between a level and the same checkpoint's " +
        $"level 0 on the same episodes. Verdict: the first level whose success is below {Num(RobustnessVerdict.Fraction)} of nominal; else the first level " +
        $"significantly below nominal (p < {Num(RobustnessVerdict.Alpha)}); else no significant drop up to the edge. " +
        "Runs that are missing or incomplete are shown but left out of verdicts and comparisons.";

    private static string Num(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
