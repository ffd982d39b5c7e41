namespace Harness.Robots.Feetech;

/// <summary>The error byte of a status packet (STS series).</summary>
[Flags]
public enum ServoFaults : byte
{
    None = 0,
    /// <summary>Input voltage outside the servo's Min/Max_Voltage_Limit.</summary>
    Voltage = 1,
    /// <summary>Magnetic angle sensor fault.</summary>
    AngleSensor = 2,
    /// <summary>Temperature above Max_Temperature_Limit.</summary>
    Overheat = 4,
    /// <summary>Current above Protection_Current.</summary>
    OverCurrent = 8,
    /// <summary>Load above Overload_Torque for longer than Protection_Time.</summary>
    Overload = 32,
}
