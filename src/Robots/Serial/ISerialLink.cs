namespace Harness.Robots.Serial;

/// <summary>
/// A byte pipe to a half-duplex servo bus: what the Feetech client needs from a serial port, and
/// no more, so the protocol code does not depend on how the bytes travel.
/// </summary>
public interface ISerialLink : IDisposable
{
    /// <summary>The port as the user named it (a device or a link to one).</summary>
    string PortName { get; }

    /// <summary>Writes all bytes. Throws <see cref="SerialLinkLostException"/> when the port went away.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for at least one byte; returns the number read, or 0
    /// when nothing arrived in time. Throws <see cref="SerialLinkLostException"/> when the port went away.
    /// </summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops whatever has arrived and was not read yet (stale or late replies).</summary>
    void DiscardInput();
}
