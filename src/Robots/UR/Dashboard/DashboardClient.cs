using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.UR.Dashboard;

/// <summary>
/// The dashboard server (29999): one text line per command, one reply line. Typed commands below
/// check the reply and throw <see cref="DashboardException"/> (or a safety-stop exception) with the
/// controller's words when it did not do what was asked.
/// </summary>
public sealed class DashboardClient : IDisposable
{
    public const string GreetingPrefix = "Connected: Universal Robots Dashboard Server";

    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;
    private readonly object _lock = new();

    private DashboardClient(TcpClient tcp, string endpoint, TimeSpan timeout)
    {
        _tcp = tcp;
        Endpoint = endpoint;
        _stream = tcp.GetStream();
        _tcp.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public string Endpoint { get; }
    public string Greeting { get; private set; } = "";

    public static DashboardClient Connect(string host, int port, TimeSpan? timeout = null)
    {
        var t = timeout ?? TimeSpan.FromSeconds(5);
        var tcp = UrConnection.Open(host, port, t, "dashboard server",
            "Check the address and that the controller is booted; on e-Series the dashboard server must be enabled (Settings > Security > Services).",
            (m, _) => new DashboardException(m));

        var client = new DashboardClient(tcp, $"{host}:{port}", t);
        try
        {
            client.Greeting = client.ReadLine();
            if (!client.Greeting.StartsWith(GreetingPrefix, StringComparison.Ordinal))
                throw new DashboardException($"{host}:{port} greeted with '{client.Greeting}', expected '{GreetingPrefix}'. Is this the dashboard port (29999) of a UR controller?");
            return client;
        }
        catch { client.Dispose(); throw; }
    }

    /// <summary>Sends one command line and returns the reply line as is.</summary>
    public string Send(string command)
    {
        if (command.Contains('\n')) throw new ArgumentException("a dashboard command is one line.");
        lock (_lock)
        {
            try
            {
                _stream.Write(Encoding.UTF8.GetBytes(command + "\n"));
                return ReadLine();
            }
            catch (IOException ex)
            {
                throw new DashboardException($"dashboard server at {Endpoint} did not answer '{command}': {ex.Message}. The connection is lost or the controller is busy.");
            }
        }
    }

    private string ReadLine()
    {
        var line = _reader.ReadLine() ?? throw new DashboardException($"the dashboard server at {Endpoint} closed the connection.");
        return line.TrimEnd('\r');
    }

    public UrRobotMode RobotMode()
    {
        var reply = Send("robotmode");
        var value = After(reply, "Robotmode:", "robotmode");
        return UrModeNames.TryParse<UrRobotMode>(value, out var m) ? m
            : throw Unexpected("robotmode", reply, "Robotmode: RUNNING|IDLE|POWER_OFF|...");
    }

    public UrSafetyMode SafetyStatus()
    {
        var reply = Send("safetystatus");
        var value = After(reply, "Safetystatus:", "safetystatus");
        return UrModeNames.TryParse<UrSafetyMode>(value, out var m) ? m
            : throw Unexpected("safetystatus", reply, "Safetystatus: NORMAL|PROTECTIVE_STOP|...");
    }

    /// <summary>Throws the typed safety-stop exception unless the safety status is NORMAL or REDUCED.</summary>
    public void EnsureSafetyNormal()
    {
        var mode = SafetyStatus();
        if (mode.StopsMotion()) throw UrSafetyStopException.For(mode, $"dashboard {Endpoint}");
    }

    public bool IsInRemoteControl()
    {
        var reply = Send("is in remote control").Trim();
        return reply switch
        {
            "true" => true,
            "false" => false,
            _ => throw Unexpected("is in remote control", reply, "true|false"),
        };
    }

    /// <summary>(state, loaded program) from "programState": "PLAYING name.urp".</summary>
    public (UrRuntimeState State, string Program) ProgramState()
    {
        var reply = Send("programState").Trim();
        int sp = reply.IndexOf(' ');
        var word = sp < 0 ? reply : reply[..sp];
        if (!Enum.TryParse<UrRuntimeState>(word, ignoreCase: true, out var state))
            throw Unexpected("programState", reply, "STOPPED|PLAYING|PAUSED <program>");
        return (state, sp < 0 ? "" : reply[(sp + 1)..]);
    }

    public void PowerOn() => Expect("power on", "Powering on");
    public void PowerOff() => Expect("power off", "Powering off");
    public void BrakeRelease() => Expect("brake release", "Brake releasing");
    public void Play() => Expect("play", "Starting program");
    public void Stop() => Expect("stop", "Stopped");
    public void Pause() => Expect("pause", "Pausing program");
    public void Load(string program) => Expect($"load {program}", "Loading program:");
    public void UnlockProtectiveStop() => Expect("unlock protective stop", "Protective stop releasing");
    public void CloseSafetyPopup() => Expect("close safety popup", "closing safety popup");

    private void Expect(string command, string successPrefix)
    {
        var reply = Send(command);
        if (reply.StartsWith(successPrefix, StringComparison.OrdinalIgnoreCase)) return;
        string hint = reply.Contains("not allowed due to safety", StringComparison.OrdinalIgnoreCase) || reply.Contains("Remote Control", StringComparison.OrdinalIgnoreCase)
            ? " Switch the robot to Remote Control on the teach pendant (top right), or give the command there."
            : reply.StartsWith("could not understand", StringComparison.OrdinalIgnoreCase)
                ? " This controller's software does not know the command; check its version."
                : "";
        throw new DashboardException($"dashboard '{command}' at {Endpoint} failed: the controller answered '{reply}', expected '{successPrefix}...'.{hint}", reply);
    }

    private string After(string reply, string prefix, string command) =>
        reply.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? reply[prefix.Length..].Trim()
            : throw Unexpected(command, reply, prefix + " ...");

    private DashboardException Unexpected(string command, string reply, string expected) =>
        new($"dashboard '{command}' at {Endpoint} answered '{reply}', expected '{expected}'.", reply);

    public void Dispose()
    {
        try
        {
            lock (_lock) _stream.Write("quit\n"u8);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException) { }
        _tcp.Dispose();
    }
}

public sealed class DashboardException(string message, string? reply = null) : Exception(message)
{
    /// <summary>The controller's reply line, when there was one.</summary>
    public string? Reply { get; } = reply;
}
