using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.UR.Gripper;

/// <summary>
/// The Robotiq URCap's ASCII socket (63352): <c>SET VAR val [VAR val ...]\n</c> answers <c>ack</c>,
/// <c>GET VAR\n</c> answers <c>VAR n</c>. The URCap sends each reply in one segment, with or
/// without a line end, so a reply is what one read returns, completed up to a line end when one is
/// coming within <see cref="SettleTime"/>.
/// </summary>
public sealed class RobotiqSocket : IDisposable
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(20);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly object _lock = new();
    private readonly byte[] _buffer = new byte[1024];

    private RobotiqSocket(TcpClient tcp, string endpoint)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        Endpoint = endpoint;
    }

    public string Endpoint { get; }
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public static RobotiqSocket Connect(string host, int port, TimeSpan? timeout = null)
    {
        var t = timeout ?? TimeSpan.FromSeconds(5);
        var tcp = UrConnection.Open(host, port, t, "Robotiq gripper socket",
            "The socket is served by the Robotiq Grippers URCap on the controller (port 63352): install the URCap and check that the gripper is enabled in the installation.",
            (m, _) => new RobotiqException(m));
        return new RobotiqSocket(tcp, $"{host}:{port}");
    }

    /// <summary>Sets one or more variables in one command; throws unless the gripper answers <c>ack</c>.</summary>
    public void Set(params (string Variable, int Value)[] values)
    {
        if (values.Length == 0) throw new ArgumentException("SET needs at least one variable.");
        var line = "SET " + string.Join(" ", values.Select(v => $"{v.Variable} {v.Value}"));
        var reply = Exchange(line);
        if (reply != "ack")
            throw new RobotiqException($"gripper at {Endpoint} answered '{reply}' to '{line}', expected 'ack'.");
    }

    /// <summary>Reads one variable. "VAR ?" (no value: e-stop or gripper offline) throws <see cref="RobotiqUnavailableException"/>.</summary>
    public int Get(string variable)
    {
        var reply = Exchange($"GET {variable}");
        var parts = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0] != variable)
            throw new RobotiqException($"gripper at {Endpoint} answered '{reply}' to 'GET {variable}', expected '{variable} <number>'.");
        if (parts[1] == "?")
            throw new RobotiqUnavailableException($"gripper at {Endpoint} has no value for {variable} ('{reply}'): the gripper is not reachable, " +
                "as during an emergency stop or with the tool unpowered. Release the stop, power the arm and activate the gripper again.");
        return int.TryParse(parts[1], out var v) ? v
            : throw new RobotiqException($"gripper at {Endpoint} answered '{reply}' to 'GET {variable}': '{parts[1]}' is not a number.");
    }

    private string Exchange(string line)
    {
        lock (_lock)
        {
            try
            {
                // Anything unread is stale (a reply after a timeout); drop it so replies stay paired.
                while (_stream.DataAvailable) _ = _stream.Read(_buffer);
                _stream.Write(Encoding.ASCII.GetBytes(line + "\n"));
                return ReadReply(line);
            }
            catch (IOException ex)
            {
                throw new RobotiqException($"gripper socket at {Endpoint} failed on '{line}': {ex.Message}. The connection is lost (controller restarted or URCap stopped).");
            }
        }
    }

    private string ReadReply(string line)
    {
        var sb = new StringBuilder();
        var deadline = Stopwatch.GetTimestamp() + (long)(ReplyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (sb.Length > 0 && left > SettleTime) left = SettleTime;
            if (left <= TimeSpan.Zero || !_tcp.Client.Poll((int)Math.Max(1, left.TotalMicroseconds), SelectMode.SelectRead))
            {
                if (sb.Length > 0) return sb.ToString().Trim();
                throw new RobotiqException($"gripper at {Endpoint} did not answer '{line}' within {ReplyTimeout.TotalSeconds:0.#} s.");
            }
            int n = _stream.Read(_buffer);
            if (n == 0) throw new RobotiqException($"gripper socket at {Endpoint} closed while waiting for the reply to '{line}'.");
            sb.Append(Encoding.ASCII.GetString(_buffer, 0, n));
            var text = sb.ToString();
            if (text.EndsWith('\n') || text == "ack") return text.Trim();
        }
    }

    public void Dispose() => _tcp.Dispose();
}

public class RobotiqException(string message) : Exception(message);

public sealed class RobotiqUnavailableException(string message) : RobotiqException(message);
