namespace Harness.Robots.Serial;

/// <summary>A serial port could not be opened or configured; the message says what to check.</summary>
public class SerialLinkException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// The port disappeared while in use (USB cable pulled, adapter reset, virtual bus stopped):
/// nothing written from now on reaches the servos.
/// </summary>
public sealed class SerialLinkLostException(string message, Exception? inner = null) : SerialLinkException(message, inner);
