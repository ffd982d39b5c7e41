using Harness.Robots.Feetech;
using Harness.Robots.So101;

namespace Harness.Tests.Robots.So101;

public class ScanTests
{
    [Test]
    public void Scan_lists_six_sts3215_with_firmware_position_voltage_and_temperature()
    {
        using var rig = new VirtualBusRig(initialTicks: [1000, 1100, 1200, 1300, 1400, 1500]);
        var found = ServoScanner.Scan(rig.Client);
        Assert.That(found, Is.EqualTo(new[]
        {
            new ScannedServo(1, 777, "3.10", 1000, 12.0, 31, ServoFaults.None),
            new ScannedServo(2, 777, "3.10", 1100, 12.0, 31, ServoFaults.None),
            new ScannedServo(3, 777, "3.10", 1200, 12.0, 31, ServoFaults.None),
            new ScannedServo(4, 777, "3.10", 1300, 12.0, 31, ServoFaults.None),
            new ScannedServo(5, 777, "3.10", 1400, 12.0, 31, ServoFaults.None),
            new ScannedServo(6, 777, "3.10", 1500, 12.0, 31, ServoFaults.None),
        }));
        Assert.That(So101ScanCheck.Problems(found), Is.Empty);
    }

    [Test]
    public void Scan_shows_a_hot_servo_and_the_check_names_it_and_a_missing_one()
    {
        using var rig = new VirtualBusRig();
        rig.Bus.Faults.Mute(4);
        rig.Bus.Faults.Heat(2, 80);
        Wait.Until(() => rig.Bus.Inspect(2, s => s.Get(Sts3215.PresentTemperature)) == 80);
        var found = ServoScanner.Scan(rig.Client);
        Assert.That(found.Select(s => s.Id), Is.EqualTo(new byte[] { 1, 2, 3, 5, 6 }));
        Assert.That(found.Single(s => s.Id == 2) is { TemperatureCelsius: 80, Faults: ServoFaults.Overheat });
        Assert.That(So101ScanCheck.Problems(found), Is.EqualTo(new[]
        {
            "wrist_flex (id 4) did not answer",
            "id 2 reports Overheat",
        }));
    }
}
