namespace Harness.Robots.So101;

/// <summary>One motor's entry of a LeRobot calibration file.</summary>
public sealed record MotorCalibration(string Motor, int Id, int DriveMode, int HomingOffset, int RangeMin, int RangeMax);

/// <summary>A whole arm's calibration, motors in file order.</summary>
public sealed record ArmCalibration(IReadOnlyList<MotorCalibration> Motors)
{
    public MotorCalibration this[string motor] =>
        Motors.FirstOrDefault(m => m.Motor == motor)
        ?? throw new KeyNotFoundException($"the calibration has no motor '{motor}' (it has {string.Join(", ", Motors.Select(m => m.Motor))}).");

    public bool Has(string motor) => Motors.Any(m => m.Motor == motor);

    /// <summary>
    /// Whether the servos hold the same calibration (LeRobot's is_calibrated: the same motors, and
    /// equal ranges and homing offsets; drive mode is not stored in the servos).
    /// </summary>
    public bool MatchesServos(ArmCalibration inServos) =>
        Motors.Select(m => m.Motor).Order().SequenceEqual(inServos.Motors.Select(m => m.Motor).Order())
        && Motors.All(m => inServos[m.Motor] is var s
                           && s.RangeMin == m.RangeMin && s.RangeMax == m.RangeMax && s.HomingOffset == m.HomingOffset);
}
