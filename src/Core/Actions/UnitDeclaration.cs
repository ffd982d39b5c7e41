using System.Globalization;
using System.Text.Json.Serialization;
using Harness.Core.Robots;

namespace Harness.Core.Actions;

/// <summary>
/// The unit a policy uses for one state/action element where it differs from the robot's: a unit
/// of <see cref="Units"/>; for a gripper optionally the value that means fully open (the other end
/// of the unit's range means closed: <c>open: 1</c> on a robot whose 0-100 gripper is open at 0
/// is an inverted gripper); and an extra factor (older Trossen recordings store the gripper in
/// metres x 10000). Declared on the policy side (policy.json <c>units</c>, <c>--unit</c>).
/// </summary>
public sealed record UnitDeclaration(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("open")] double? Open = null,
    [property: JsonPropertyName("scale")] double Scale = 1)
{
    /// <summary>Reads <c>UNIT[,open=V][,scale=S]</c>, e.g. <c>0-1,open=1</c> or <c>m,scale=10000</c>.</summary>
    public static UnitDeclaration Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException("empty unit; expected UNIT[,open=V][,scale=S], e.g. 0-1 or 0-1,open=0 or m,scale=10000.");
        var unit = Units.Require(parts[0], "unit");
        double? open = null;
        double scale = 1;
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new ArgumentException($"'{p}' in unit '{text}': expected open=NUMBER or scale=NUMBER.");
            switch (kv[0])
            {
                case "open": open = v; break;
                case "scale" when v != 0 && double.IsFinite(v): scale = v; break;
                case "scale": throw new ArgumentException($"scale in unit '{text}' must be a finite non-zero number.");
                default: throw new ArgumentException($"'{kv[0]}' in unit '{text}': expected open or scale.");
            }
        }
        return new UnitDeclaration(unit, open, scale);
    }

    public override string ToString() =>
        Unit + (Open is { } o ? $",open={o.ToString(CultureInfo.InvariantCulture)}" : "") + (Scale != 1 ? $",scale={Scale.ToString(CultureInfo.InvariantCulture)}" : "");
}
