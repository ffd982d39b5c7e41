using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.Operators;

/// <summary>
/// An automated operator: asks a virtual rig, through its operator channel, to do what a person
/// would (used by <c>calibrate --auto</c> and in tests).
/// </summary>
public sealed class OperatorChannelClient : IOperator, IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly string _path;

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
                $"no operator channel at {path}: --auto needs a virtual bus (`harness sim-bus so101 --link {linkPath}`). " +
                "On a real arm, leave out --auto and follow the prompts.");
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

    public void Perform(OperatorRequest request, Action? whileWaiting = null)
    {
        var line = Encoding.UTF8.GetBytes(OperatorChannel.Line(request) + "\n");
        _stream.Write(line);
        if (whileWaiting is not null)
            while (!_socket.Poll(0, SelectMode.SelectRead)) whileWaiting();
        string reply = _reader.ReadLine()
            ?? throw new OperatorException($"the operator channel at {_path} closed without answering {OperatorChannel.Line(request)}.");
        if (reply == OperatorChannel.Ok || reply.StartsWith(OperatorChannel.Ok + " ", StringComparison.Ordinal)) return;
        string why = reply.StartsWith(OperatorChannel.Error + " ", StringComparison.Ordinal) ? reply[(OperatorChannel.Error.Length + 1)..] : reply;
        throw new OperatorException($"the virtual rig could not do {OperatorChannel.Line(request)}: {why}");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _socket.Dispose();
    }
}
