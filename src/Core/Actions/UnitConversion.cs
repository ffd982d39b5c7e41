using Harness.Core.Robots;

namespace Harness.Core.Actions;

/// <summary>
/// A linear map between the robot's value of one element and the policy's:
/// policy = <see cref="Scale"/> * robot + <see cref="Offset"/>.
/// </summary>
public sealed record UnitConversion(double Scale, double Offset)
{
    public static UnitConversion Identity { get; } = new(1, 0);

    public double ToPolicy(double robot) => Scale * robot + Offset;

    public double ToRobot(double policy) => (policy - Offset) / Scale;

    /// <summary>The conversion for a robot element (its unit and, for grippers, which end is open) to a declared policy unit.</summary>
    public static UnitConversion Between(string element, string robotUnit, GripperSense? gripper, UnitDeclaration policy)
    {
        var baseMap = Base(element, robotUnit, gripper, policy);
        return new UnitConversion(baseMap.Scale * policy.Scale, baseMap.Offset * policy.Scale);
    }

    private static UnitConversion Base(string element, string robotUnit, GripperSense? gripper, UnitDeclaration policy)
    {
        string to = policy.Unit;
        if (robotUnit == to && policy.Open is null) return Identity;
        if ((robotUnit, to) is (Units.Degrees, Units.Radians)) return new(Math.PI / 180, 0);
        if ((robotUnit, to) is (Units.Radians, Units.Degrees)) return new(180 / Math.PI, 0);
        if (Range(robotUnit) is { } r && Range(to) is { } p)
        {
            if (gripper is null)
            {
                if (policy.Open is not null)
                    throw new ArgumentException($"{element}: 'open' applies to gripper elements only; {element} is a joint.");
                return Linear(r.Lo, p.Lo, r.Hi, p.Hi);
            }
            // Grippers: the robot's open and closed values map to the policy's open end and the other end.
            bool robotOpenHigh = gripper.Open > gripper.Closed;
            double pOpen = policy.Open ?? (robotOpenHigh ? p.Hi : p.Lo);
            if (pOpen != p.Lo && pOpen != p.Hi)
                throw new ArgumentException($"{element}: open={pOpen} is not an end of the unit {to} ({p.Lo}..{p.Hi}).");
            double pClosed = pOpen == p.Hi ? p.Lo : p.Hi;
            return Linear(gripper.Closed, pClosed, gripper.Open, pOpen);
        }
        throw new ArgumentException(
            $"{element}: cannot convert the robot's unit {robotUnit} to the policy's {to}; conversions exist between deg and rad, " +
            $"between the ranges 0-1, 0-100, 0-255 and -100-100, and from any unit to itself with a scale.");
    }

    private static UnitConversion Linear(double r0, double p0, double r1, double p1)
    {
        double s = (p1 - p0) / (r1 - r0);
        return new UnitConversion(s, p0 - s * r0);
    }

    private static (double Lo, double Hi)? Range(string unit) => unit switch
    {
        Units.Fraction => (0, 1),
        Units.Percent => (0, 100),
        Units.Byte => (0, 255),
        Units.PlusMinus100 => (-100, 100),
        _ => null,
    };
}
