namespace Harness.Robots.Feetech;

/// <summary>
/// Finds the servos on a bus (broadcast PING, as LeRobot's port scan does) and reads what an
/// operator needs to check them: model, firmware, position, voltage, temperature. Fault bits are
/// reported, not thrown, so a hot or overloaded servo still shows up with its readings.
/// </summary>
public static class ServoScanner
{
    public static IReadOnlyList<ScannedServo> Scan(FeetechBus bus)
    {
        var found = new List<ScannedServo>();
        foreach (var (id, _) in bus.BroadcastPing())
        {
            var model = bus.ReadWithFaults(id, Sts3215.ModelNumber);
            var major = bus.ReadWithFaults(id, Sts3215.FirmwareMajorVersion);
            var minor = bus.ReadWithFaults(id, Sts3215.FirmwareMinorVersion);
            var position = bus.ReadWithFaults(id, Sts3215.PresentPosition);
            var voltage = bus.ReadWithFaults(id, Sts3215.PresentVoltage);
            var temperature = bus.ReadWithFaults(id, Sts3215.PresentTemperature);
            found.Add(new ScannedServo(
                id, model.Value, $"{major.Value}.{minor.Value}", position.Value,
                voltage.Value / 10.0, temperature.Value,
                model.Faults | major.Faults | minor.Faults | position.Faults | voltage.Faults | temperature.Faults));
        }
        return found;
    }
}
