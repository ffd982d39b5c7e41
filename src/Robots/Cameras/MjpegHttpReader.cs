using System.Net.Http.Headers;
using System.Text;
using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>
/// An MJPEG stream over HTTP (multipart/x-mixed-replace, what IP cameras and `sim-bus` serve):
/// the parts are cut from the response body by their boundary (or Content-Length) and each JPEG
/// is decoded by OpenCV. OpenCV's own FFmpeg in the NuGet runtime is built without network
/// protocols, so the HTTP side is ours.
/// </summary>
public sealed class MjpegHttpReader : FrameReader
{
    private readonly HttpClient _http;
    private readonly Stream _body;
    private readonly byte[] _boundary;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool sawHeader;

    private MjpegHttpReader(CameraSource source, HttpClient http, Stream body, string boundary) : base(source)
    {
        _http = http;
        _body = body;
        _boundary = Encoding.ASCII.GetBytes("--" + boundary);
    }

    public static MjpegHttpReader Open(CameraSource source, TimeSpan timeout)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            HttpResponseMessage response;
            try
            {
                response = http.Send(new HttpRequestMessage(HttpMethod.Get, source.Location), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                throw new CameraStreamException($"camera '{source.Name}': cannot open {source.Location} ({e.Message}). Check the URL and that the camera server is running.", e);
            }
            if (!response.IsSuccessStatusCode)
                throw new CameraStreamException($"camera '{source.Name}': {source.Location} answered {(int)response.StatusCode} {response.ReasonPhrase}; check the stream's path.");
            var type = response.Content.Headers.ContentType;
            string? boundary = type?.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
            if (type?.MediaType is not "multipart/x-mixed-replace" || string.IsNullOrEmpty(boundary))
                throw new CameraStreamException(
                    $"camera '{source.Name}': {source.Location} serves '{type}', not an MJPEG stream (multipart/x-mixed-replace with a boundary). " +
                    "Point --cameras at the camera's MJPEG URL, or use an rtsp:// URL.");
            if (boundary.StartsWith("--", StringComparison.Ordinal)) boundary = boundary[2..];
            var reader = new MjpegHttpReader(source, http, response.Content.ReadAsStream(), boundary);
            reader.StartReading();
            return reader;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    protected override CameraImage? ReadFrame()
    {
        while (true)
        {
            // Skip to the boundary, then read the part's headers.
            if (!SkipPast(_boundary)) return null;
            long? length = null;
            while (ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    if (length is not null || sawHeader) break;
                    continue; // the CRLF that ends the boundary line
                }
                sawHeader = true;
                int colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(line[(colon + 1)..].Trim(), out long n))
                    length = n;
            }
            sawHeader = false;
            byte[]? jpeg = length is { } len ? ReadExactly((int)len) : ReadUntil(_boundary);
            if (jpeg is null) return null;
            if (OpenCvImages.Decode(jpeg) is { } image) return image;
            // A part that is not a decodable image: skip it, as a viewer would.
        }
    }

    private bool Fill()
    {
        if (_start > 0 && _start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            if (_start == 0) return false;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int n = _body.Read(_buffer, _end, _buffer.Length - _end);
        if (n <= 0) return false;
        _end += n;
        return true;
    }

    private bool SkipPast(byte[] marker)
    {
        while (true)
        {
            int i = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (i >= 0)
            {
                _start += i + marker.Length;
                return true;
            }
            // Keep the tail that may hold the start of the marker.
            _start = Math.Max(_start, _end - marker.Length);
            if (!Fill()) return false;
        }
    }

    private string? ReadLine()
    {
        while (true)
        {
            int i = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (i >= 0)
            {
                string line = Encoding.ASCII.GetString(_buffer, _start, i).TrimEnd('\r');
                _start += i + 1;
                return line;
            }
            if (!Fill()) return null;
        }
    }

    private byte[]? ReadExactly(int length)
    {
        var data = new byte[length];
        int got = 0;
        while (got < length)
        {
            if (_start == _end && !Fill()) return null;
            int n = Math.Min(length - got, _end - _start);
            Buffer.BlockCopy(_buffer, _start, data, got, n);
            _start += n;
            got += n;
        }
        return data;
    }

    private byte[]? ReadUntil(byte[] marker)
    {
        var data = new MemoryStream();
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            int i = span.IndexOf(marker);
            if (i >= 0)
            {
                data.Write(span[..i]);
                _start += i; // leave the boundary for the next part
                return data.ToArray();
            }
            int keep = Math.Min(span.Length, marker.Length);
            data.Write(span[..^keep]);
            _start = _end - keep;
            if (!Fill()) return null;
        }
    }

    protected override void Close()
    {
        _http.CancelPendingRequests();
        _body.Dispose();
        _http.Dispose();
    }
}
