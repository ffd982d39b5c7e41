using System.Globalization;

namespace Harness.Eval.Robustness;

/// <summary>
/// The one-line verdict per axis and checkpoint, from its levels (level 0 is nominal):
/// <list type="number">
/// <item>no usable nominal run, or nominal success 0: nothing can fall, say so;</item>
/// <item>the first level whose success is below <see cref="Fraction"/> of nominal: "success falls below half of nominal at AXIS VALUE";</item>
/// <item>else the first level significantly below nominal (paired exact McNemar, p &lt; <see cref="Alpha"/>): "success drops significantly at ...";</item>
/// <item>else: "no significant drop up to the edge".</item>
/// </list>
/// </summary>
public static class RobustnessVerdict
{
    public const double Fraction = 0.5;
    public const double Alpha = 0.05;

    public static string For(string axis, IReadOnlyList<LevelResult> levels)
    {
        var nominal = levels.FirstOrDefault(l => l.Level == 0);
        if (nominal is not { Usable: true }) return $"{axis}: no complete nominal run (level 0); nothing to compare against.";
        if (nominal.Successes == 0) return $"{axis}: nominal success is 0 %, so this axis cannot show a drop.";
        var perturbed = levels.Where(l => l.Level > 0 && l.Usable).OrderBy(l => l.Level).ToList();
        if (perturbed.Count == 0) return $"{axis}: no complete perturbed run yet.";
        string From(LevelResult l) => $"{Pct(nominal.Rate)} → {Pct(l.Rate)}";

        var half = perturbed.FirstOrDefault(l => l.Rate < Fraction * nominal.Rate);
        if (half is not null)
            return $"success falls below half of nominal at {axis} {half.ValueText} (level {half.Level}: {From(half)}).";
        var significant = perturbed.FirstOrDefault(l => l.Rate < nominal.Rate && l.PVersusNominal < Alpha);
        if (significant is not null)
            return $"success drops significantly at {axis} {significant.ValueText} (level {significant.Level}: {From(significant)}, " +
                   $"{PText(significant.PVersusNominal!.Value)}) but never falls below half of nominal.";
        var edge = perturbed[^1];
        var worst = perturbed.MinBy(l => l.Rate)!;
        if (worst.Rate >= nominal.Rate)
            return $"no drop up to {axis} {edge.ValueText} (level {edge.Level}): every level at or above nominal {Pct(nominal.Rate)}.";
        return $"no significant drop up to {axis} {edge.ValueText} (level {edge.Level}; lowest {Pct(worst.Rate)} at level {worst.Level}, nominal {Pct(nominal.Rate)}).";
    }

    private static string Pct(double r) => (r * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>"p = 0.016", or "p &lt; 0.001" where three decimals would print a misleading 0.</summary>
    private static string PText(double p) =>
        p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.###", CultureInfo.InvariantCulture)}";
}
