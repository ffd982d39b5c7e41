using System.Security.Cryptography;
using System.Text;

namespace Harness.Policies.Remote.Transport;

/// <summary>
/// The request line and headers of an HTTP/1.1 request, as read before a WebSocket upgrade
/// (RFC 6455 section 4.2.1). Only what the openpi endpoint needs: health checks and upgrades.
/// </summary>
public sealed record HttpRequestHead(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public const int MaxBytes = 16 * 1024;
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public bool IsWebSocketUpgrade =>
        Method == "GET"
        && HasToken(Header("Upgrade"), "websocket")
        && HasToken(Header("Connection"), "upgrade")
        && Header("Sec-WebSocket-Key") is { Length: > 0 };

    /// <summary>The path without its query string.</summary>
    public string PathOnly => Path.Split('?', 2)[0];

    public static HttpRequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            throw new InvalidDataException($"not an HTTP/1.x request line: '{Truncate(lines[0])}'.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"malformed HTTP header line: '{Truncate(line)}'.");
            string name = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var prev) ? prev + ", " + value : value;
        }
        return new HttpRequestHead(parts[0], parts[1], headers);
    }

    /// <summary>Reads the head byte by byte so no WebSocket byte after it is consumed.</summary>
    public static async Task<HttpRequestHead> ReadAsync(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxBytes];
        int n = 0;
        while (true)
        {
            if (n == buffer.Length) throw new InvalidDataException($"HTTP request head exceeds {MaxBytes} bytes.");
            int read = await stream.ReadAsync(buffer.AsMemory(n, 1), cancel).ConfigureAwait(false);
            if (read == 0) throw new EndOfStreamException("client closed the connection before finishing its HTTP request.");
            n++;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
                return Parse(Encoding.ASCII.GetString(buffer, 0, n - 4));
        }
    }

    public static string AcceptKey(string clientKey) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(clientKey.Trim() + WebSocketGuid)));

    private static bool HasToken(string? value, string token) =>
        value is not null && value.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "..." : s;
}
