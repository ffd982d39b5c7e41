using System.Globalization;

namespace Harness.Sim.Perturbations;

/// <summary>How values read in reports and run files, by the unit an axis declares.</summary>
public static class PerturbationText
{
    /// <summary>Units an axis may declare: x (a factor), m, N, deg, steps, index (a list entry), or a free unit printed after the number.</summary>
    public static string Value(double v, string unit) => unit switch
    {
        "x" => "x" + F(v, "0.###"),
        "m" => F(v * 100, "0.##") + " cm",
        "deg" => F(v, "0.##") + " deg",
        "steps" => F(v, "0") + (Math.Abs(v) == 1 ? " step" : " steps"),
        "" => F(v, "0.####"),
        _ => F(v, "0.###") + " " + unit,
    };

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
