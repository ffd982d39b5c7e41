using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Harness.Robots.UR.Script;

/// <summary>
/// <c>harness_servo.script</c> (an embedded resource): rendered with its one parameter, the watchdog
/// frequency, before upload; recognised again by the virtual controller, which runs only this program.
/// </summary>
public static partial class ServoScript
{
    public const string ResourceName = "Harness.Robots.UR.Script.harness_servo.script";
    private const string Slot = "{{WATCHDOG_HZ}}";

    public static string Template { get; } = LoadTemplate();

    private static string LoadTemplate()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().GetName().Name}; rebuild the project.");
        using var r = new StreamReader(s);
        return r.ReadToEnd().Replace("\r\n", "\n");
    }

    /// <summary>The program text for a watchdog that stops it after 1/<paramref name="watchdogHz"/> s without input.</summary>
    public static string Render(double watchdogHz)
    {
        if (!(watchdogHz is > 0 and <= 500))
            throw new ArgumentOutOfRangeException(nameof(watchdogHz), watchdogHz, "the watchdog frequency must lie in (0, 500] Hz (the controller's 500 Hz cycle).");
        return Template.Replace(Slot, watchdogHz.ToString("0.0##", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether <paramref name="text"/> is this program rendered with some watchdog frequency
    /// (line endings and trailing blank lines aside). Otherwise <paramref name="whyNot"/> names the first
    /// line that differs.
    /// </summary>
    public static bool TryRecognise(string text, out double watchdogHz, out string whyNot)
    {
        watchdogHz = 0;
        var got = Lines(text);
        var want = Lines(Template);
        for (int i = 0; i < Math.Max(got.Count, want.Count); i++)
        {
            string? g = i < got.Count ? got[i] : null, w = i < want.Count ? want[i] : null;
            if (g is null || w is null)
            {
                whyNot = g is null ? $"the program ends at line {i + 1}; the harness servo program has {want.Count} lines" : $"line {i + 1} ('{g}') is beyond the end of the harness servo program";
                return false;
            }
            if (!w.Contains(Slot))
            {
                if (g != w) { whyNot = $"line {i + 1} is '{g.Trim()}', expected '{w.Trim()}'"; return false; }
                continue;
            }
            var pattern = "^" + Regex.Escape(w).Replace(Regex.Escape(Slot), "([0-9]+(?:\\.[0-9]+)?)") + "$";
            var m = Regex.Match(g, pattern);
            if (!m.Success) { whyNot = $"line {i + 1} is '{g.Trim()}', expected '{w.Trim()}' with a number for {Slot}"; return false; }
            double hz = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (watchdogHz != 0 && hz != watchdogHz) { whyNot = $"line {i + 1} sets the watchdog to {hz} Hz, an earlier line to {watchdogHz} Hz"; return false; }
            watchdogHz = hz;
        }
        if (!(watchdogHz is > 0 and <= 500)) { whyNot = $"watchdog frequency {watchdogHz} Hz is outside (0, 500]"; return false; }
        whyNot = "";
        return true;
    }

    private static List<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
