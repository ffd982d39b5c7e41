using System.IO.Ports;

namespace Harness.Robots.Serial;

/// <summary>
/// A serial link through System.IO.Ports (8N1, no handshake). Works with USB serial adapters and
/// with pseudo-terminals such as the virtual bus's: the runtime opens the device, puts it in raw
/// mode and sets the speed; a pty accepts and ignores the speed.
/// </summary>
public sealed class SerialPortLink : ISerialLink
{
    /// <summary>Feetech STS servos ship at 1 Mbps (baud code 0), the rate LeRobot uses.</summary>
    public const int FeetechBaudRate = 1_000_000;

    private readonly SerialPort _port;
    private byte[] _scratch = new byte[256];

    private SerialPortLink(SerialPort port) => _port = port;

    public string PortName => _port.PortName;

    public static SerialPortLink Open(string portName, int baudRate = FeetechBaudRate)
    {
        if (!File.Exists(portName))
            throw new SerialLinkException(
                $"serial port {portName} does not exist. A USB servo adapter appears as /dev/ttyACM* or /dev/ttyUSB* " +
                "(stable names under /dev/serial/by-id/); a virtual bus appears at the --link path given to `harness sim-bus`.");
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 100,
            WriteTimeout = 1000,
        };
        try
        {
            port.Open();
        }
        catch (UnauthorizedAccessException e)
        {
            port.Dispose();
            throw new SerialLinkException(
                $"serial port {portName} cannot be opened: permission denied or already in use ({e.Message}). " +
                "Add your user to the 'dialout' group (then log in again), and close other programs using the port.", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new SerialLinkException($"serial port {portName} cannot be opened at {baudRate} baud: {e.Message}", e);
        }
        return new SerialPortLink(port);
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_scratch.Length < data.Length) _scratch = new byte[data.Length];
        data.CopyTo(_scratch);
        try
        {
            _port.Write(_scratch, 0, data.Length);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            throw Lost("writing", e);
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (_scratch.Length < buffer.Length) _scratch = new byte[buffer.Length];
        _port.ReadTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalMilliseconds));
        try
        {
            int n = _port.Read(_scratch, 0, buffer.Length);
            _scratch.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw Lost("reading", e);
        }
    }

    public void DiscardInput()
    {
        try
        {
            _port.DiscardInBuffer();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw Lost("flushing", e);
        }
    }

    private SerialLinkLostException Lost(string doing, Exception e) =>
        new($"serial port {PortName} failed while {doing} ({e.Message}): the servo bus is gone " +
            "(cable unplugged, adapter reset or virtual bus stopped); nothing sent now reaches the servos.", e);

    public void Dispose() => _port.Dispose();
}
