namespace Harness.Robots.Feetech;

/// <summary>A Feetech bus exchange failed; the subclasses say how.</summary>
public abstract class FeetechException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// A servo did not answer (or its answer never completed) within the reply timeout, on every
/// attempt. Usually: wrong id, no power, a loose cable, or a different baud rate.
/// </summary>
public sealed class ServoTimeoutException(byte id, string exchange, int attempts, TimeSpan timeout)
    : FeetechException(
        $"servo id {id} did not answer {exchange} within {timeout.TotalMilliseconds:0} ms ({attempts} attempt{(attempts == 1 ? "" : "s")}). " +
        $"Check that servo {id} is powered and cabled, that its id is {id} and that it runs at 1 Mbps " +
        "(`harness real so101 scan --port PORT` lists the servos that answer).")
{
    public byte Id { get; } = id;
    public string Exchange { get; } = exchange;
}

/// <summary>Every attempt got a reply whose checksum did not match: the line is too noisy to trust.</summary>
public sealed class ServoCorruptReplyException(byte id, string exchange, int attempts)
    : FeetechException(
        $"servo id {id} answered {exchange} with a corrupted packet (bad checksum) on all {attempts} attempts. " +
        "Check the bus cable and power supply, and that only one program uses the port.")
{
    public byte Id { get; } = id;
}
