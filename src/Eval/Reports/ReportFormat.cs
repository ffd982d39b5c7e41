using System.Globalization;

namespace Harness.Eval.Reports;

/// <summary>Number formats shared by the Markdown and HTML exporters, so both read the same.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A fraction as percent: one decimal below 100 episodes' resolution matters, none for 0 and 100.</summary>
    public static string Percent(double? fraction) => fraction switch
    {
        null => "–",
        double f when f <= 0 => "0%",
        double f when f >= 1 => "100%",
        double f => (f * 100).ToString("0.0", Inv) + "%",
    };

    public static string Interval(double lo, double hi) => $"{(lo * 100).ToString("0.0", Inv)}–{(hi * 100).ToString("0.0", Inv)}%";

    /// <summary>Signed difference in percentage points.</summary>
    public static string Points(double diff) => (diff >= 0 ? "+" : "−") + Math.Abs(diff * 100).ToString("0.0", Inv) + " pp";

    /// <summary>p-values with 3 significant digits; scientific notation below 0.001.</summary>
    public static string PValue(double p)
    {
        if (p >= 1) return "1.00";
        if (p <= 0) return "0";
        if (p < 0.001) return p.ToString("0.00e+00", Inv);
        double r = Math.Round(p, Decimals(p), MidpointRounding.AwayFromZero);
        // Rounding can move to the next decade (0.09996 -> 0.1000): count digits again.
        return r >= 1 ? "1.00" : r.ToString("F" + Decimals(r), Inv);
        static int Decimals(double x) => Math.Max(0, 2 - (int)Math.Floor(Math.Log10(x)));
    }

    public static string Number(double? v, string format = "0.0") => v is double d ? d.ToString(format, Inv) : "–";

    public static string Int(int? v) => v is int i ? i.ToString(Inv) : "–";

    public static string Latency(Runs.LatencySummary? l) => l is null ? "–" : $"{Ms(l.P50)} / {Ms(l.P95)}";

    // Two significant digits below 1 ms (scripted policies), one decimal up to 100 ms, whole ms above.
    private static string Ms(double v) => v.ToString(v < 1 ? "0.00" : v < 100 ? "0.0" : "0", Inv);

    /// <summary>
    /// The trailing segments of a long path (checkpoint folders are often deep: only the end tells
    /// them apart), prefixed with "…/" when shortened.
    /// </summary>
    public static string ShortPath(string? path, int max = 32)
    {
        if (string.IsNullOrEmpty(path)) return "–";
        if (path.Length <= max) return path;
        var parts = path.Split('/', '\\');
        string tail = parts[^1];
        for (int i = parts.Length - 2; i >= 0 && tail.Length + parts[i].Length + 1 <= max - 2; i--) tail = parts[i] + "/" + tail;
        return "…/" + tail;
    }

    /// <summary>A readable heading for any outcome label: NEVER_PICKED_UP -> "Never picked up".</summary>
    public static string OutcomeHeading(string outcome)
    {
        var words = outcome.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return outcome;
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    /// <summary>A metric aggregate formatted by its kind: rates as percentages, others with their unit.</summary>
    public static string Metric(MetricColumn c, double? v) => c.IsRate ? Percent(v) : v is null ? "–" : Number(v, Math.Abs(v.Value) >= 100 ? "0" : Math.Abs(v.Value) >= 1 ? "0.00" : "0.000");

    /// <summary>A measured value in its unit: shares of a range as percentages, others with 4 significant decimals.</summary>
    public static string Measure(double? v, string unit) => v is not double d ? "–"
        : unit == Core.Whiskers.WhiskerSummary.ShareOfRangeUnit ? (d * 100).ToString("0.0", Inv) + "%"
        : Math.Abs(d) >= 100 ? d.ToString("0", Inv) : Math.Abs(d) >= 1 ? d.ToString("0.00", Inv) : d.ToString("0.0000", Inv);

    /// <summary>The names of the settings that differ between two runs, or "none".</summary>
    public static string DifferingSettings(IReadOnlyList<Runs.SettingDifference> d) => d.Count == 0 ? "none" : string.Join(", ", d.Select(x => x.Setting));

    /// <summary>A link from the report folder to a file, relative when possible, with '/' and URL-escaped segments.</summary>
    public static string RelativeLink(string fromDir, string file)
    {
        var rel = Path.GetRelativePath(fromDir, file);
        if (Path.IsPathRooted(rel)) return new Uri(file).AbsoluteUri;
        return string.Join('/', rel.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }
}
