namespace Harness.Robots.Feetech;

/// <summary>
/// A servo answered but reported faults in its status byte. The concrete type names the most
/// urgent fault; <see cref="Faults"/> holds every bit that was set.
/// </summary>
public class ServoFaultException : FeetechException
{
    protected ServoFaultException(byte id, ServoFaults faults, string exchange, string advice)
        : base($"servo id {id} reports {Describe(faults)} (status bits 0x{(byte)faults:X2}) answering {exchange}. {advice}")
    {
        Id = id;
        Faults = faults;
    }

    public byte Id { get; }
    public ServoFaults Faults { get; }

    public static ServoFaultException For(byte id, ServoFaults faults, string exchange) =>
        faults.HasFlag(ServoFaults.Overheat) ? new ServoOverheatException(id, faults, exchange)
        : faults.HasFlag(ServoFaults.Overload) ? new ServoOverloadException(id, faults, exchange)
        : faults.HasFlag(ServoFaults.OverCurrent) ? new ServoOverCurrentException(id, faults, exchange)
        : faults.HasFlag(ServoFaults.Voltage) ? new ServoVoltageException(id, faults, exchange)
        : new ServoAngleSensorException(id, faults, exchange);

    private static string Describe(ServoFaults f) => string.Join(" + ", new[]
    {
        (ServoFaults.Overheat, "overheating"), (ServoFaults.Overload, "overload"), (ServoFaults.OverCurrent, "over-current"),
        (ServoFaults.Voltage, "input voltage out of range"), (ServoFaults.AngleSensor, "an angle sensor fault"),
    }.Where(x => f.HasFlag(x.Item1)).Select(x => x.Item2).DefaultIfEmpty($"unknown fault bits"));
}

public sealed class ServoOverheatException(byte id, ServoFaults faults, string exchange)
    : ServoFaultException(id, faults, exchange, "Stop, switch the arm's power off and let the servo cool before continuing.");

public sealed class ServoOverloadException(byte id, ServoFaults faults, string exchange)
    : ServoFaultException(id, faults, exchange, "The joint is blocked or pushing too hard: free it, then power-cycle the servo to clear the fault.");

public sealed class ServoOverCurrentException(byte id, ServoFaults faults, string exchange)
    : ServoFaultException(id, faults, exchange, "The servo draws more current than Protection_Current allows: check for a jammed joint.");

public sealed class ServoVoltageException(byte id, ServoFaults faults, string exchange)
    : ServoFaultException(id, faults, exchange, "Check the power supply: the servo's input voltage is outside its limits.");

public sealed class ServoAngleSensorException(byte id, ServoFaults faults, string exchange)
    : ServoFaultException(id, faults, exchange, "The servo's position sensor reports a fault; the servo may need replacing.");
