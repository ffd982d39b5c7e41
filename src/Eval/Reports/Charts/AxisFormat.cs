using System.Globalization;

namespace Harness.Eval.Reports.Charts;

/// <summary>How tick labels print: plain numbers, or fractions shown as percent.</summary>
public enum AxisFormat { Number, Percent }

public static class AxisFormatExtensions
{
    public static string Format(this AxisFormat format, double v, double step) => format switch
    {
        AxisFormat.Percent => (v * 100).ToString(step * 100 >= 1 ? "0" : "0.#", CultureInfo.InvariantCulture) + "%",
        _ => Math.Abs(v) >= 10_000 && step >= 1000
            ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
            : v.ToString(step >= 1 ? "0" : step >= 0.1 ? "0.0" : "0.00", CultureInfo.InvariantCulture),
    };
}
