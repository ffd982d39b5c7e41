using System.Net;
using System.Net.WebSockets;
using Harness.Policies.Remote.Transport;
using NUnit.Framework;

namespace Harness.Tests.Remote;

public class TransportTests
{
    [Test]
    public void Accept_key_matches_the_rfc_6455_example() =>
        Assert.That(HttpRequestHead.AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));

    [Test]
    public void Request_head_parsing_recognises_upgrades_and_health_checks()
    {
        var upgrade = HttpRequestHead.Parse(
            "GET /ws?x=1 HTTP/1.1\r\nHost: a\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13");
        Assert.That(upgrade.IsWebSocketUpgrade, Is.True);
        Assert.That(upgrade.PathOnly, Is.EqualTo("/ws"));
        var health = HttpRequestHead.Parse("GET /healthz HTTP/1.1\r\nHost: a");
        Assert.That(health.IsWebSocketUpgrade, Is.False);
        Assert.That(health.PathOnly, Is.EqualTo("/healthz"));
        Assert.Throws<InvalidDataException>(() => HttpRequestHead.Parse("\u0001\u0002garbage"));
        Assert.Throws<InvalidDataException>(() => HttpRequestHead.Parse("GET / HTTP/1.1\r\nno colon here"));
    }

    [Test]
    public async Task Message_larger_than_the_limit_is_refused()
    {
        var refused = new TaskCompletionSource<Exception>();
        await using var listener = new WebSocketListener(IPAddress.Loopback, 0, async (socket, _, stop) =>
        {
            try { await new MessageBuffer(maxMessageBytes: 100_000).ReceiveAsync(socket, stop); refused.SetResult(new Exception("accepted")); }
            catch (Exception ex) { refused.SetResult(ex); }
        });
        listener.Start();
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{listener.Port}"), CancellationToken.None);
        try { await ws.SendAsync(new byte[300_000], WebSocketMessageType.Binary, true, CancellationToken.None); } catch (WebSocketException) { }
        var ex = await refused.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(ex, Is.InstanceOf<InvalidDataException>());
        Assert.That(ex.Message, Does.Contain("100000"));
    }

    [Test]
    public async Task Port_in_use_says_what_to_do()
    {
        await using var first = new WebSocketListener(IPAddress.Loopback, 0, (_, _, _) => Task.CompletedTask);
        first.Start();
        await using var second = new WebSocketListener(IPAddress.Loopback, first.Port, (_, _, _) => Task.CompletedTask);
        var ex = Assert.Throws<IOException>(() => second.Start());
        Assert.That(ex!.Message, Does.Contain("--port"));
    }
}
