namespace Harness.Robots.Feetech;

/// <summary>One servo found on a bus: identity, firmware and live readings.</summary>
public sealed record ScannedServo(
    byte Id,
    int Model,
    string Firmware,
    int Position,
    double VoltageVolts,
    int TemperatureCelsius,
    ServoFaults Faults);
