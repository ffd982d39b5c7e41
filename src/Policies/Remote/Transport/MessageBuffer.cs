using System.Net.WebSockets;

namespace Harness.Policies.Remote.Transport;

/// <summary>One received WebSocket message: its type and the bytes now in the buffer.</summary>
public readonly record struct ReceivedMessage(WebSocketMessageType Type, int Length);

/// <summary>
/// A reusable buffer that receives whole WebSocket messages (frames joined), so a connection
/// allocates only when a message is larger than any before it.
/// </summary>
public sealed class MessageBuffer(long maxMessageBytes = MessageBuffer.DefaultMaxBytes)
{
    /// <summary>256 MiB: dozens of full-HD frames; more is a broken or hostile peer.</summary>
    public const long DefaultMaxBytes = 256L << 20;
    private byte[] _buffer = new byte[64 * 1024];

    public ReadOnlySpan<byte> Span(int length) => _buffer.AsSpan(0, length);

    public async Task<ReceivedMessage> ReceiveAsync(WebSocket socket, CancellationToken cancel)
    {
        int n = 0;
        while (true)
        {
            if (n == _buffer.Length)
            {
                long size = Math.Min((long)_buffer.Length * 2, Array.MaxLength);
                if (n >= maxMessageBytes || size <= n)
                    throw new InvalidDataException($"WebSocket message exceeds {maxMessageBytes} bytes.");
                Array.Resize(ref _buffer, (int)size);
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(n), cancel).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return new ReceivedMessage(WebSocketMessageType.Close, 0);
            n += result.Count;
            if (result.EndOfMessage) return new ReceivedMessage(result.MessageType, n);
        }
    }
}
