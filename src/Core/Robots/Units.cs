namespace Harness.Core.Robots;

/// <summary>
/// The units features are declared in. Every state/action element names one, so later parts
/// (pre-flight, unit adapters, real drivers) read them instead of guessing.
/// </summary>
public static class Units
{
    public const string Degrees = "deg";
    public const string Radians = "rad";
    public const string Metres = "m";
    /// <summary>A 0..1 range (e.g. a gripper opening or a Robotiq position / 255).</summary>
    public const string Fraction = "0-1";
    /// <summary>A 0..100 range (LeRobot's RANGE_0_100, e.g. the SO-101 gripper).</summary>
    public const string Percent = "0-100";
    /// <summary>LeRobot's older RANGE_M100_100 joint units.</summary>
    public const string PlusMinus100 = "-100-100";
    /// <summary>A 0..255 register (e.g. Robotiq 2F-85 position).</summary>
    public const string Byte = "0-255";
    /// <summary>A unit quaternion component (w, x, y, z).</summary>
    public const string Quaternion = "quat";
    public const string MetresPerSecond = "m/s";
    public const string RadiansPerSecond = "rad/s";

    public static IReadOnlyList<string> All { get; } =
        [Degrees, Radians, Metres, Fraction, Percent, PlusMinus100, Byte, Quaternion, MetresPerSecond, RadiansPerSecond];

    public static bool IsKnown(string unit) => All.Contains(unit);

    /// <summary>Throws a clear error for an undeclared unit.</summary>
    public static string Require(string unit, string where) => IsKnown(unit) ? unit
        : throw new ArgumentException($"{where}: unknown unit '{unit}'; expected one of {string.Join(", ", All)}.");
}
