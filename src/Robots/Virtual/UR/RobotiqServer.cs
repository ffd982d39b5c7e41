using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The Robotiq URCap socket (63352) over <see cref="VirtualRobotiq"/>: "SET VAR val ..." answers
/// exactly "ack" (one segment, no line end), "GET VAR" answers "VAR n" ("VAR ?" when the gripper
/// cannot answer, as during an emergency stop). Motion commands go to the controller log.
/// </summary>
public sealed class RobotiqServer : IDisposable
{
    private readonly UrControllerCore _core;
    private readonly LoopbackListener _listener;

    public RobotiqServer(UrControllerCore core, int port)
    {
        _core = core;
        _listener = new LoopbackListener("Robotiq URCap socket", port, Serve);
    }

    public int Port => _listener.Port;

    public void DropAll() => _listener.DropAll();

    private void Serve(TcpClient client, CancellationToken stop)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        while (!stop.IsCancellationRequested)
        {
            var line = reader.ReadLine();
            if (line is null) return;
            var reply = Answer(line.Trim());
            if (reply is not null) stream.Write(Encoding.ASCII.GetBytes(reply));
        }
    }

    private string? Answer(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        lock (_core.Sync)
        {
            var g = _core.Gripper;
            if (parts[0] == "GET" && parts.Length == 2)
            {
                if (!g.IsReadable(parts[1])) return null;
                var v = g.Get(parts[1]);
                return v is null ? $"{parts[1]} ?\n" : $"{parts[1]} {v}\n";
            }
            if (parts[0] == "SET" && parts.Length >= 3 && parts.Length % 2 == 1)
            {
                var values = new List<(string, int)>();
                for (int i = 1; i < parts.Length; i += 2)
                {
                    if (!int.TryParse(parts[i + 1], out var x)) return null;
                    values.Add((parts[i], x));
                }
                if (g.Unavailable) return "ack";
                if (g.Set(values) is not null) return null;
                if (values.Any(v => v.Item1 is "ACT" or "GTO" or "POS"))
                    _core.Log.Add(_core.Time, "gripper", line);
                return "ack";
            }
            return null;
        }
    }

    public void Dispose() => _listener.Dispose();
}
