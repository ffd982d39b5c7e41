using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Datasets.Format;

/// <summary>
/// LeRobot's file path templates are Python format strings: <c>{name}</c> and <c>{name:03d}</c>.
/// </summary>
public static partial class PathTemplate
{
    [GeneratedRegex(@"\{(?<name>[a-z_]+)(:(?<zero>0)?(?<width>\d+)d)?\}")]
    private static partial Regex Field();

    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        return Field().Replace(template, m =>
        {
            string name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var v))
                throw new DatasetFormatException("meta/info.json", $"path template '{template}' uses {{{name}}}, which Harness does not know; expected only {string.Join(", ", values.Keys.Select(k => "{" + k + "}"))}.");
            if (!m.Groups["width"].Success) return Convert.ToString(v, CultureInfo.InvariantCulture)!;
            int width = int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture);
            string s = Convert.ToInt64(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return s.PadLeft(width, m.Groups["zero"].Success ? '0' : ' ');
        });
    }
}
