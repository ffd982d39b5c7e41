using System.Net.Sockets;
using System.Text;
using Harness.Robots.UR.Script;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The secondary (30002) and realtime (30003) interfaces as program receivers. A program is the text
/// up to a line "end" at column 0 that closes a top-level def. The virtual controller runs only the
/// harness servo program (<see cref="ServoScript.TryRecognise"/>); any other text is refused, and the
/// refusal with its reason is kept in <see cref="Refusals"/>. Real controllers also stream state on
/// these ports; the virtual one sends nothing.
/// </summary>
public sealed class SecondaryServer : IDisposable
{
    private readonly UrControllerCore _core;
    private readonly LoopbackListener _listener;
    private readonly List<string> _refusals;

    public SecondaryServer(UrControllerCore core, int port, string name, List<string> refusals)
    {
        _core = core;
        _refusals = refusals;
        _listener = new LoopbackListener(name, port, Serve);
    }

    public int Port => _listener.Port;

    public void DropAll() => _listener.DropAll();

    private void Serve(TcpClient client, CancellationToken stop)
    {
        using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
        var program = new StringBuilder();
        bool inDef = false;
        while (!stop.IsCancellationRequested)
        {
            var line = reader.ReadLine();
            if (line is null) break;
            bool topLevel = line.Length > 0 && !char.IsWhiteSpace(line[0]);
            if (!inDef && topLevel && !line.StartsWith('#'))
            {
                if (line.StartsWith("def ", StringComparison.Ordinal) || line.StartsWith("sec ", StringComparison.Ordinal)) inDef = true;
                else
                {
                    Refuse($"a single script statement ('{line.Trim()}')");
                    program.Clear();
                    continue;
                }
            }
            program.Append(line).Append('\n');
            if (inDef && line.TrimEnd() == "end")
            {
                Receive(program.ToString());
                program.Clear();
                inDef = false;
            }
        }
        if (inDef) Refuse("a program whose def has no closing 'end' before the connection closed");
    }

    private void Receive(string text)
    {
        if (!ServoScript.TryRecognise(text, out double hz, out string why))
        {
            Refuse($"a program that is not the harness servo program ({why})");
            return;
        }
        lock (_core.Sync)
        {
            if (!_core.RemoteControl) { RefuseLocked("the harness servo program: the controller is in Local Control, programs from the network are not run"); return; }
            _core.StartProgram(new ServoProgramRunner(hz), $"port {Port}");
        }
    }

    private void Refuse(string what)
    {
        lock (_core.Sync) RefuseLocked(what);
    }

    private void RefuseLocked(string what)
    {
        var text = $"{_core.Time:0.000} s: virtual UR controller refused {what}. It runs only src/Robots/UR/Script/harness_servo.script (no URScript interpreter); try other programs in URSim.";
        _refusals.Add(text);
        Console.Error.WriteLine(text);
    }

    public void Dispose() => _listener.Dispose();
}
