using Harness.Robots.Feetech;

namespace Harness.Robots.So101;

/// <summary>
/// LeRobot's conversions between raw servo ticks and the units a policy sees (motors_bus.py
/// _normalize / _unnormalize), reproduced operation for operation so the doubles come out the same:
/// <list type="bullet">
/// <item>RANGE_M100_100: b = clamp(raw, min, max); (b - min) / (max - min) * 200 - 100, negated with drive_mode.</item>
/// <item>RANGE_0_100: (b - min) / (max - min) * 100, or 100 minus that with drive_mode.</item>
/// <item>DEGREES: (raw - mid) * 360 / 4095 with mid = (min + max) / 2; no clamp, no drive_mode.</item>
/// <item>Inverses clamp the value to its range (not DEGREES) and truncate toward zero like Python's int().</item>
/// </list>
/// </summary>
public static class LeRobotUnits
{
    public static double Normalize(int raw, MotorCalibration c, MotorNormMode mode)
    {
        RequireRange(c);
        int min = c.RangeMin, max = c.RangeMax;
        int bounded = Math.Min(max, Math.Max(min, raw));
        bool inverted = c.DriveMode != 0;
        switch (mode)
        {
            case MotorNormMode.RangeM100To100:
            {
                double norm = (double)(bounded - min) / (max - min) * 200 - 100;
                return inverted ? -norm : norm;
            }
            case MotorNormMode.Range0To100:
            {
                double norm = (double)(bounded - min) / (max - min) * 100;
                return inverted ? 100 - norm : norm;
            }
            case MotorNormMode.Degrees:
            {
                double mid = (min + max) / 2.0;
                return (raw - mid) * 360 / Sts3215.MaxTick;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    public static int Unnormalize(double value, MotorCalibration c, MotorNormMode mode)
    {
        RequireRange(c);
        if (!double.IsFinite(value))
            throw new ArgumentException($"{c.Motor}: target {value} is not a finite number; refusing to send it to the servo.");
        int min = c.RangeMin, max = c.RangeMax;
        bool inverted = c.DriveMode != 0;
        switch (mode)
        {
            case MotorNormMode.RangeM100To100:
            {
                double v = inverted ? -value : value;
                double bounded = Math.Min(100.0, Math.Max(-100.0, v));
                return Truncate((bounded + 100) / 200 * (max - min) + min);
            }
            case MotorNormMode.Range0To100:
            {
                double v = inverted ? 100 - value : value;
                double bounded = Math.Min(100.0, Math.Max(0.0, v));
                return Truncate(bounded / 100 * (max - min) + min);
            }
            case MotorNormMode.Degrees:
            {
                double mid = (min + max) / 2.0;
                return Truncate(value * Sts3215.MaxTick / 360 + mid);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    /// <summary>Python's int(float): toward zero.</summary>
    private static int Truncate(double v) => (int)Math.Truncate(v);

    private static void RequireRange(MotorCalibration c)
    {
        if (c.RangeMax == c.RangeMin)
            throw new ArgumentException($"invalid calibration for motor '{c.Motor}': range_min and range_max are both {c.RangeMin}; recalibrate.");
    }
}
