using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.Operators;

/// <summary>
/// An automated operator: asks a virtual rig, through its operator channel, to do what a person
/// would (used by <c>calibrate --auto</c>, <c>eval --auto-label sim</c> and in tests).
/// </summary>
public sealed class OperatorChannelClient : IOperator, IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly string _path;
    private readonly Lock _gate = new();

    private OperatorChannelClient(Socket socket, string path)
    {
        _socket = socket;
        _path = path;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    /// <summary>Connects to the channel of the virtual bus linked at <paramref name="linkPath"/>.</summary>
    public static OperatorChannelClient Connect(string linkPath)
    {
        string path = OperatorChannel.SocketPath(linkPath);
        if (!File.Exists(path))
            throw new OperatorException(
                $"no operator channel at {path}: --auto and --auto-label need a virtual bus (`harness sim-bus so101 --link {linkPath}`). " +
                "On a real arm, leave them out and follow the prompts.");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new OperatorException($"cannot connect to the operator channel at {path} ({e.Message}); is the virtual bus still running?", e);
        }
        return new OperatorChannelClient(socket, path);
    }

    public void Perform(OperatorRequest request, Action? whileWaiting = null) => Ask(OperatorChannel.Line(request), whileWaiting);

    /// <summary>
    /// Sends one request line and returns what follows <c>OK</c> in the reply (empty when nothing
    /// does); an <c>ERR</c> reply throws <see cref="OperatorException"/> with the rig's reason.
    /// </summary>
    public string Ask(string line, Action? whileWaiting = null)
    {
        lock (_gate)
        {
            _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            if (whileWaiting is not null)
                while (!_socket.Poll(0, SelectMode.SelectRead)) whileWaiting();
            string reply = _reader.ReadLine()
                ?? throw new OperatorException($"the operator channel at {_path} closed without answering {line}; is the virtual bus still running?");
            if (reply == OperatorChannel.Ok) return "";
            if (reply.StartsWith(OperatorChannel.Ok + " ", StringComparison.Ordinal)) return reply[(OperatorChannel.Ok.Length + 1)..];
            string why = reply.StartsWith(OperatorChannel.Error + " ", StringComparison.Ordinal) ? reply[(OperatorChannel.Error.Length + 1)..] : reply;
            throw new OperatorException($"the virtual rig could not do {line}: {why}");
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _socket.Dispose();
    }
}
