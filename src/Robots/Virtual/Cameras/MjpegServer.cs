using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Robots.Virtual.Cameras;

/// <summary>
/// Serves cameras as MJPEG streams over HTTP on loopback, as IP cameras and camera servers do:
/// <c>GET /&lt;camera&gt;.mjpg</c> answers <c>multipart/x-mixed-replace</c> with one JPEG part
/// (Content-Type, Content-Length) per published frame; <c>GET /</c> lists the cameras. Frames are
/// published by a producer (<see cref="Publish"/>); each client gets every newest frame once, so a
/// producer that stops publishing makes a stalled stream.
/// </summary>
public sealed class MjpegServer : IDisposable
{
    public const string Boundary = "harnessframe";

    private readonly TcpListener _listener;
    private readonly Thread _accept;
    private readonly Dictionary<string, Slot> _slots;
    private readonly List<TcpClient> _clients = [];
    private volatile bool _stopping;

    private MjpegServer(TcpListener listener, IReadOnlyList<string> cameras)
    {
        _listener = listener;
        _slots = cameras.ToDictionary(c => c, _ => new Slot());
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "mjpeg-accept" };
    }

    /// <param name="port">0: any free port.</param>
    public static MjpegServer Start(IReadOnlyList<string> cameras, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try { listener.Start(); }
        catch (SocketException e)
        {
            throw new IOException($"cannot serve cameras on 127.0.0.1:{port} ({e.Message}); choose another --camera-port, or 0 for any free port.", e);
        }
        var server = new MjpegServer(listener, cameras);
        server._accept.Start();
        return server;
    }

    public int Port { get; }
    public IReadOnlyList<string> Cameras => _slots.Keys.ToArray();

    public string Url(string camera) => $"http://127.0.0.1:{Port}/{camera}.mjpg";

    /// <summary>Clients streaming this camera now (a producer can skip rendering when there are none).</summary>
    public int Viewers(string camera) => Volatile.Read(ref _slots[camera].Viewers);

    /// <summary>Frames sent to clients so far, all cameras.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);
    private long _framesSent;

    public void Publish(string camera, byte[] jpeg)
    {
        var slot = _slots[camera];
        lock (slot)
        {
            slot.Jpeg = jpeg;
            slot.Sequence++;
            Monitor.PulseAll(slot);
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            TcpClient client;
            try { client = _listener.AcceptTcpClient(); }
            catch (Exception) when (_stopping) { return; }
            catch (SocketException) { continue; }
            lock (_clients) _clients.Add(client);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "mjpeg-client" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            using var _ = client;
            client.NoDelay = true;
            var stream = client.GetStream();
            string? path = ReadRequestPath(stream);
            if (path is null) return;
            string name = path.TrimStart('/');
            if (name.EndsWith(".mjpg", StringComparison.Ordinal)) name = name[..^5];
            if (path == "/")
            {
                WriteText(stream, "200 OK", string.Join("\n", _slots.Keys.Select(Url)) + "\n");
                return;
            }
            if (!_slots.TryGetValue(name, out var slot))
            {
                WriteText(stream, "404 Not Found", $"no camera '{name}'; cameras: {string.Join(", ", _slots.Keys.Select(Url))}\n");
                return;
            }
            stream.Write(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nCache-Control: no-cache\r\n" +
                $"Content-Type: multipart/x-mixed-replace; boundary={Boundary}\r\n\r\n"));
            Interlocked.Increment(ref slot.Viewers);
            try
            {
                long seen = 0;
                while (!_stopping)
                {
                    byte[] jpeg;
                    lock (slot)
                    {
                        while (slot.Sequence == seen && !_stopping) Monitor.Wait(slot, 200);
                        if (_stopping) return;
                        seen = slot.Sequence;
                        jpeg = slot.Jpeg!;
                    }
                    stream.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                    stream.Write(jpeg);
                    stream.Write("\r\n"u8);
                    Interlocked.Increment(ref _framesSent);
                }
            }
            finally { Interlocked.Decrement(ref slot.Viewers); }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
        finally
        {
            lock (_clients) _clients.Remove(client);
        }
    }

    private static string? ReadRequestPath(NetworkStream stream)
    {
        // Read the request head (up to the blank line); only the request line matters.
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 8192 && stream.Read(one, 0, 1) == 1)
        {
            head.Append((char)one[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n") break;
        }
        var parts = head.ToString().Split("\r\n")[0].Split(' ');
        if (parts.Length < 2 || parts[0] != "GET")
        {
            WriteText(stream, "405 Method Not Allowed", "only GET /<camera>.mjpg\n");
            return null;
        }
        return parts[1].Split('?')[0];
    }

    private static void WriteText(NetworkStream stream, string status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\n\r\n"));
        stream.Write(bytes);
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _listener.Stop();
        foreach (var slot in _slots.Values)
            lock (slot) Monitor.PulseAll(slot);
        lock (_clients)
            foreach (var c in _clients) c.Dispose();
        _accept.Join();
    }

    private sealed class Slot
    {
        public byte[]? Jpeg;
        public long Sequence;
        public int Viewers;
    }
}
