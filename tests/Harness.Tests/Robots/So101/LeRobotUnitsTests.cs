using Harness.Robots.So101;

namespace Harness.Tests.Robots.So101;

/// <summary>LeRobot's unit conversions, against ticks and values computed by hand.</summary>
public class LeRobotUnitsTests
{
    private static MotorCalibration Cal(int min, int max, int driveMode = 0) => new("m", 1, driveMode, 0, min, max);

    [Test]
    public void Degrees_count_from_the_middle_of_the_range_at_360_per_4095_ticks()
    {
        var c = Cal(747, 3347); // mid 2047
        Assert.That(LeRobotUnits.Normalize(2047, c, MotorNormMode.Degrees), Is.EqualTo(0.0));
        // (3347 - 2047) * 360 / 4095 = 468000 / 4095 = 114.2857142857...
        Assert.That(LeRobotUnits.Normalize(3347, c, MotorNormMode.Degrees), Is.EqualTo(114.28571428571429).Within(1e-12));
    }

    [Test]
    public void Degrees_are_not_clamped_to_the_range()
    {
        var c = Cal(747, 3347);
        // (4000 - 2047) * 360 / 4095 = 703080 / 4095 = 171.6923076923...
        Assert.That(LeRobotUnits.Normalize(4000, c, MotorNormMode.Degrees), Is.EqualTo(171.6923076923077).Within(1e-12));
        // inverse of 150 degrees: 150 * 4095 / 360 + 2047 = 1706.25 + 2047 = 3753.25 -> 3753 (beyond range_max 3347: kept)
        Assert.That(LeRobotUnits.Unnormalize(150, c, MotorNormMode.Degrees), Is.EqualTo(3753));
    }

    [Test]
    public void Degrees_with_an_odd_range_have_a_half_tick_middle()
    {
        var c = Cal(1000, 3001); // mid 2000.5
        // (2000 - 2000.5) * 360 / 4095 = -180 / 4095 = -0.043956043956...
        Assert.That(LeRobotUnits.Normalize(2000, c, MotorNormMode.Degrees), Is.EqualTo(-0.04395604395604396).Within(1e-15));
    }

    [Test]
    public void Degree_targets_truncate_toward_zero()
    {
        var c = Cal(747, 3347);
        // 90 * 4095 / 360 + 2047 = 1023.75 + 2047 = 3070.75 -> 3070
        Assert.That(LeRobotUnits.Unnormalize(90, c, MotorNormMode.Degrees), Is.EqualTo(3070));
        // -90: -1023.75 + 2047 = 1023.25 -> 1023
        Assert.That(LeRobotUnits.Unnormalize(-90, c, MotorNormMode.Degrees), Is.EqualTo(1023));
        // range 0..100 (mid 50), -10 degrees: -113.75 + 50 = -63.75 -> -63 (Python's int(), not floor's -64)
        Assert.That(LeRobotUnits.Unnormalize(-10, Cal(0, 100), MotorNormMode.Degrees), Is.EqualTo(-63));
    }

    [Test]
    public void Gripper_range_0_100_clamps_raw_values_to_the_range()
    {
        var c = Cal(2000, 3400);
        Assert.That(LeRobotUnits.Normalize(2700, c, MotorNormMode.Range0To100), Is.EqualTo(50.0));  // 700 / 1400 * 100
        Assert.That(LeRobotUnits.Normalize(2350, c, MotorNormMode.Range0To100), Is.EqualTo(25.0));  // 350 / 1400 * 100
        Assert.That(LeRobotUnits.Normalize(1900, c, MotorNormMode.Range0To100), Is.EqualTo(0.0));   // below range_min
        Assert.That(LeRobotUnits.Normalize(3500, c, MotorNormMode.Range0To100), Is.EqualTo(100.0)); // above range_max
    }

    [Test]
    public void Gripper_targets_clamp_to_0_100_and_truncate()
    {
        var c = Cal(2000, 3400);
        Assert.That(LeRobotUnits.Unnormalize(50, c, MotorNormMode.Range0To100), Is.EqualTo(2700));
        // 33.3 / 100 * 1400 + 2000 = 466.2 + 2000 = 2466.2 -> 2466
        Assert.That(LeRobotUnits.Unnormalize(33.3, c, MotorNormMode.Range0To100), Is.EqualTo(2466));
        Assert.That(LeRobotUnits.Unnormalize(120, c, MotorNormMode.Range0To100), Is.EqualTo(3400));
        Assert.That(LeRobotUnits.Unnormalize(-5, c, MotorNormMode.Range0To100), Is.EqualTo(2000));
    }

    [Test]
    public void Drive_mode_mirrors_range_0_100()
    {
        var c = Cal(2000, 3400, driveMode: 1);
        Assert.That(LeRobotUnits.Normalize(2350, c, MotorNormMode.Range0To100), Is.EqualTo(75.0)); // 100 - 25
        Assert.That(LeRobotUnits.Unnormalize(75, c, MotorNormMode.Range0To100), Is.EqualTo(2350));
    }

    [Test]
    public void Range_m100_100_for_old_data()
    {
        var c = Cal(1000, 3000);
        // (2500 - 1000) / 2000 * 200 - 100 = 50
        Assert.That(LeRobotUnits.Normalize(2500, c, MotorNormMode.RangeM100To100), Is.EqualTo(50.0));
        Assert.That(LeRobotUnits.Normalize(500, c, MotorNormMode.RangeM100To100), Is.EqualTo(-100.0));
        Assert.That(LeRobotUnits.Unnormalize(50, c, MotorNormMode.RangeM100To100), Is.EqualTo(2500)); // 150/200*2000+1000
        // 33.33: 133.33 / 200 * 2000 + 1000 = 2333.3 -> 2333
        Assert.That(LeRobotUnits.Unnormalize(33.33, c, MotorNormMode.RangeM100To100), Is.EqualTo(2333));
        Assert.That(LeRobotUnits.Unnormalize(-150, c, MotorNormMode.RangeM100To100), Is.EqualTo(1000));
    }

    [Test]
    public void Drive_mode_negates_range_m100_100_but_not_degrees()
    {
        var inverted = Cal(1000, 3000, driveMode: 1);
        Assert.That(LeRobotUnits.Normalize(2500, inverted, MotorNormMode.RangeM100To100), Is.EqualTo(-50.0));
        Assert.That(LeRobotUnits.Unnormalize(-50, inverted, MotorNormMode.RangeM100To100), Is.EqualTo(2500));
        // DEGREES ignores drive_mode: mid 2000, (2500 - 2000) * 360 / 4095 = 43.956043956...
        Assert.That(LeRobotUnits.Normalize(2500, inverted, MotorNormMode.Degrees), Is.EqualTo(43.956043956043956).Within(1e-12));
    }

    [Test]
    public void An_empty_range_or_a_non_finite_target_is_refused()
    {
        Assert.That(() => LeRobotUnits.Normalize(5, Cal(10, 10), MotorNormMode.Degrees),
            Throws.ArgumentException.With.Message.Contains("range_min and range_max are both 10"));
        Assert.That(() => LeRobotUnits.Unnormalize(double.NaN, Cal(0, 4095), MotorNormMode.Degrees),
            Throws.ArgumentException.With.Message.Contains("not a finite number"));
    }
}
