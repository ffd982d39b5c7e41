using System.Net.Sockets;
using System.Text;
using Harness.Robots.Operators;

namespace Harness.Robots.Virtual.Operator;

/// <summary>
/// The listening end of an operator channel: a Unix domain socket that reads request lines and
/// answers each with the line <c>handle</c> returns (one connection at a time is served per
/// thread; requests on a connection are answered in order). A failing handler answers
/// <c>ERR message</c>; the socket file is removed on dispose.
/// </summary>
public sealed class OperatorChannelServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<string, string> _handle;
    private readonly Thread _accept;
    private readonly List<Socket> _clients = [];
    private volatile bool _stopping;

    private OperatorChannelServer(Socket listener, string path, Func<string, string> handle)
    {
        _listener = listener;
        SocketPath = path;
        _handle = handle;
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "operator-channel" };
    }

    public string SocketPath { get; }

    public static OperatorChannelServer Start(string socketPath, Func<string, string> handle)
    {
        // A socket left by a crashed rig would make bind fail. Sockets are empty files; anything
        // with content (or a directory) is not ours to remove.
        var existing = new FileInfo(socketPath);
        if (Directory.Exists(socketPath) || (existing.Exists && existing.Length > 0))
            throw new IOException($"cannot open the operator channel at {socketPath}: something else is in the way; remove it or use another --link.");
        if (existing.Exists) existing.Delete();
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(4);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var server = new OperatorChannelServer(listener, socketPath, handle);
        server._accept.Start();
        return server;
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception) when (_stopping)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            lock (_clients) _clients.Add(client);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "operator-channel-client" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        try
        {
            using var stream = new NetworkStream(client, ownsSocket: true);
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
            while (!_stopping && reader.ReadLine() is { } line)
            {
                string reply;
                try
                {
                    reply = _handle(line.Trim());
                }
                catch (Exception e)
                {
                    reply = $"{OperatorChannel.Error} {e.Message.ReplaceLineEndings(" ")}";
                }
                writer.WriteLine(reply);
            }
        }
        catch (IOException)
        {
            // The client went away mid-request; nothing to answer.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            lock (_clients) _clients.Remove(client);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Dispose();
        lock (_clients)
            foreach (var c in _clients) c.Dispose();
        _accept.Join();
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
        }
    }
}
