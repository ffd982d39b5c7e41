using System.Text;

namespace Harness.Robots.UR;

/// <summary>
/// The dashboard server's spelling of modes (RUNNING, POWER_OFF, PROTECTIVE_STOP ...) to and from
/// our enums: SCREAMING_SNAKE of the member name.
/// </summary>
public static class UrModeNames
{
    public static string ToDashboard<T>(T value) where T : struct, Enum
    {
        if (value is UrSafetyMode.Undefined) return "UNDEFINED_SAFETY_MODE";
        var name = value.ToString();
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(name[i]));
        }
        return sb.ToString();
    }

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(ToDashboard(v), text.Trim(), StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        value = default;
        return false;
    }
}
