using System.Net.Sockets;
using System.Text;
using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The dashboard server (29999): greets, then answers one line per command line with the real
/// server's reply texts. Commands that would move or power the arm need Remote Control, as on
/// e-Series controllers.
/// </summary>
public sealed class DashboardServer : IDisposable
{
    public const string Greeting = "Connected: Universal Robots Dashboard Server";
    public const string NotInRemote = "Command is not allowed due to safety reasons. Switch your robot to Remote Control mode.";

    private readonly UrControllerCore _core;
    private readonly LoopbackListener _listener;

    public DashboardServer(UrControllerCore core, int port)
    {
        _core = core;
        _listener = new LoopbackListener("dashboard server", port, Serve);
    }

    public int Port => _listener.Port;

    /// <summary>Delay before each reply (a slow controller).</summary>
    public TimeSpan ReplyDelay { get; set; }

    public void DropAll() => _listener.DropAll();

    private void Serve(TcpClient client, CancellationToken stop)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        void Write(string line) => stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        Write(Greeting);
        while (!stop.IsCancellationRequested)
        {
            var line = reader.ReadLine();
            if (line is null) return;
            var command = line.Trim();
            if (command.Length == 0) continue;
            if (ReplyDelay > TimeSpan.Zero) Thread.Sleep(ReplyDelay);
            if (command == "quit") { Write("Disconnected"); return; }
            string reply;
            lock (_core.Sync) reply = Answer(command);
            Write(reply);
        }
    }

    private static readonly HashSet<string> NeedsRemote = ["power on", "power off", "brake release", "play", "stop", "pause", "unlock protective stop", "load"];

    private string Answer(string command)
    {
        var c = _core;
        string verb = command.StartsWith("load ", StringComparison.Ordinal) ? "load" : command;
        if (NeedsRemote.Contains(verb) && !c.RemoteControl) return NotInRemote;
        const string source = "dashboard";
        switch (verb)
        {
            case "robotmode": return $"Robotmode: {UrModeNames.ToDashboard(c.RobotMode)}";
            case "safetystatus": return $"Safetystatus: {UrModeNames.ToDashboard(c.SafetyMode)}";
            case "safetymode": return $"Safetymode: {UrModeNames.ToDashboard(c.SafetyMode)}";
            case "is in remote control": return c.RemoteControl ? "true" : "false";
            case "running": return $"Program running: {(c.RuntimeState == UrRuntimeState.Playing ? "true" : "false")}";
            case "programState":
                return $"{UrModeNames.ToDashboard(c.RuntimeState == UrRuntimeState.Playing ? UrRuntimeState.Playing : c.RuntimeState == UrRuntimeState.Paused ? UrRuntimeState.Paused : UrRuntimeState.Stopped)} {c.Program?.Name ?? c.LoadedProgram ?? "<unnamed>"}";
            case "get loaded program": return c.LoadedProgram is { } p ? $"Loaded program: {p}" : "No program loaded";
            case "PolyscopeVersion": return $"URSoftware {c.Options.ControllerVersion} (virtual controller)";
            case "power on":
                c.PowerOn(source);
                return "Powering on";
            case "power off":
                c.PowerOff(source);
                return "Powering off";
            case "brake release":
                c.BrakeRelease(source);
                return "Brake releasing";
            case "load":
                {
                    var name = command["load ".Length..].Trim();
                    if (!c.Options.Programs.Contains(name)) return $"File not found: {name}";
                    c.LoadProgram(name);
                    return $"Loading program: {name}";
                }
            case "play":
                if (c.ResumeProgram(source)) return "Starting program";
                if (c.LoadedProgram is { } loaded && c.RobotMode == UrRobotMode.Running && !c.SafetyMode.StopsMotion())
                {
                    c.StartProgram(new IdleProgram(loaded), source);
                    return "Starting program";
                }
                return "Failed to execute: play";
            case "stop":
                c.EndProgram("");
                return "Stopped";
            case "pause":
                return c.PauseProgram() ? "Pausing program" : "Failed to execute: pause";
            case "unlock protective stop":
                return c.UnlockProtectiveStop()
                    ? "Protective stop releasing"
                    : "Cannot unlock protective stop until 5s after occurrence. Always inspect cause of protective stop before unlocking";
            case "close safety popup": return "closing safety popup";
            case "close popup": return "closing popup";
            default: return $"could not understand: '{command}'";
        }
    }

    public void Dispose() => _listener.Dispose();
}
