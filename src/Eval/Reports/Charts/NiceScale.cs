namespace Harness.Eval.Reports.Charts;

/// <summary>
/// Axis range and tick step made of "nice" numbers (1, 2, 5 x 10^k), after Heckbert's
/// "Nice numbers for graph labels" (Graphics Gems, 1990).
/// </summary>
public sealed record NiceScale(double Min, double Max, double Step)
{
    public static NiceScale For(double min, double max, int maxTicks = 6)
    {
        if (double.IsNaN(min) || double.IsNaN(max)) throw new ArgumentException("axis bounds must be numbers.");
        if (min > max) (min, max) = (max, min);
        if (max - min < 1e-12)
        {
            // A flat series still needs a visible range around its value.
            double pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.5 : 1;
            min -= pad; max += pad;
        }
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / Math.Max(1, maxTicks - 1), round: true);
        double lo = Math.Floor(min / step) * step, hi = Math.Ceiling(max / step) * step;
        return new NiceScale(Clean(lo), Clean(hi), step);
    }

    public IEnumerable<double> Ticks()
    {
        int n = (int)Math.Round((Max - Min) / Step);
        for (int i = 0; i <= n; i++) yield return Clean(Min + i * Step);
    }

    /// <summary>Maps a value into [0, 1] along the axis.</summary>
    public double Fraction(double v) => (v - Min) / (Max - Min);

    private static double NiceNumber(double x, bool round)
    {
        double exp = Math.Floor(Math.Log10(x)), f = x / Math.Pow(10, exp);
        double nf = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nf * Math.Pow(10, exp);
    }

    // Removes floating noise such as 0.30000000000000004 so tick labels print cleanly.
    private static double Clean(double v) => Math.Round(v, 10);
}
