using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Msgpack;
using Harness.Policies.Remote.Server;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>The server on a real loopback socket, with our client and with raw WebSocket clients.</summary>
public class PolicyServerTests
{
    private static readonly OpenPiOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        CallTimeout = TimeSpan.FromSeconds(5),
        ReconnectTimeout = TimeSpan.FromSeconds(2),
    };

    private static async Task<PolicyServer> Start(Func<IPolicy>? factory = null, PolicyServerOptions? options = null)
    {
        var server = new PolicyServer(factory ?? (() => new EchoingTestPolicy()), (options ?? new PolicyServerOptions()) with { Port = 0 });
        server.Start();
        await Task.CompletedTask;
        return server;
    }

    private static string Spec(PolicyServer server) => $"openpi:{server.Endpoint}";

    [Test]
    public async Task Remote_chunks_equal_calling_the_policy_directly_across_episodes()
    {
        await using var server = await Start();
        using var remote = OpenPiPolicy.FromSpec(Spec(server), Fast);
        using var local = new EchoingTestPolicy();
        for (int episode = 0; episode < 2; episode++)
        {
            remote.Reset();
            local.Reset();
            for (int step = 0; step < 3; step++)
            {
                var obs = TestObservations.Make(step: step, cameraHeight: 24, cameraWidth: 32, seed: episode * 10 + step);
                var expected = local.Infer(obs, "put the cube in the bowl");
                var got = remote.Infer(obs, "put the cube in the bowl");
                Assert.That(got.Actions, Is.EqualTo(expected.Actions), $"episode {episode} step {step}");
            }
        }
        Assert.That(remote.Timings, Has.Count.EqualTo(6));
        Assert.That(remote.Timings.All(t => t.ServerInferMs >= t.PolicyInferMs), Is.True);
        Assert.That(remote.Timings[0].ServerPrevTotalMs, Is.Null, "absent on a connection's first request");
        Assert.That(remote.Timings[1].ServerPrevTotalMs, Is.Not.Null);
        Assert.That(server.ConnectionsServed, Is.EqualTo(1), "one connection serves all episodes");
    }

    [Test]
    public async Task Healthz_answers_OK_and_plain_http_elsewhere_explains_itself()
    {
        await using var server = await Start();
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://127.0.0.1:{server.Port}/healthz");
        Assert.That((int)health.StatusCode, Is.EqualTo(200));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("OK\n"));
        var root = await http.GetAsync($"http://127.0.0.1:{server.Port}/");
        Assert.That((int)root.StatusCode, Is.EqualTo(426));
        Assert.That(await root.Content.ReadAsStringAsync(), Does.Contain("WebSocket"));
    }

    [Test]
    public async Task Metadata_frame_comes_first_empty_or_configured()
    {
        await using (var plain = await Start())
        using (var client = OpenPiPolicy.FromSpec(Spec(plain), Fast))
        {
            client.Check(Robot());
            Assert.That(client.Metadata!.Count, Is.EqualTo(0));
        }
        await using var server = await Start(options: new PolicyServerOptions
        {
            Metadata = new Dictionary<string, object?> { ["reset_pose"] = new object?[] { 0.0, -1.5, 1.5, 0.0, 0.0, 0.0 } },
        });
        using var ws = await RawConnect(server);
        var first = await ReceiveAsync(ws);
        Assert.That(first.Type, Is.EqualTo(WebSocketMessageType.Binary));
        var meta = (MsgpackMap)MsgpackNumpy.Unpack(first.Bytes)!;
        Assert.That(meta.TryGet("reset_pose", out var pose) && ((object?[])pose!)[1] is -1.5, Is.True);
    }

    [Test]
    public async Task Policy_exception_becomes_a_text_frame_then_close_1011()
    {
        await using var server = await Start();
        using var ws = await RawConnect(server);
        await ReceiveAsync(ws);
        await SendAsync(ws, new Harness.Policies.Remote.Layouts.LeRobotLayout().Encode(TestObservations.Make(), "fail", true));
        var text = await ReceiveAsync(ws);
        Assert.That(text.Type, Is.EqualTo(WebSocketMessageType.Text));
        Assert.That(Encoding.UTF8.GetString(text.Bytes), Does.Contain("test policy was told to fail"));
        var close = await ReceiveAsync(ws);
        Assert.That(close.Type, Is.EqualTo(WebSocketMessageType.Close));
        Assert.That(ws.CloseStatus, Is.EqualTo(WebSocketCloseStatus.InternalServerError));
        Assert.That(ws.CloseStatusDescription, Is.EqualTo(PolicyServer.ErrorCloseDescription));

        using var client = OpenPiPolicy.FromSpec(Spec(server), Fast);
        var ex = Assert.Throws<RemotePolicyException>(() => client.Infer(TestObservations.Make(), "fail"));
        Assert.That(ex!.Message, Does.Contain("InvalidOperationException: test policy was told to fail"));
        Assert.That(client.Infer(TestObservations.Make(), "ok").Length, Is.EqualTo(4), "the next call reconnects");
    }

    [Test]
    public async Task Policy_io_errors_are_reported_like_any_other_fault()
    {
        await using var server = await Start();
        using var client = OpenPiPolicy.FromSpec(Spec(server), Fast);
        var ex = Assert.Throws<RemotePolicyException>(() => client.Infer(TestObservations.Make(), "io"));
        Assert.That(ex!.Message, Does.Contain("checkpoint file vanished"));
    }

    [TestCase(new byte[] { 0xc1 }, "malformed observation")]
    [TestCase(new byte[] { 0x92, 0x01, 0x02 }, "must be a msgpack map")]
    [TestCase(new byte[] { 0x81, 0xa1, 0x78, 0x01 }, "observation.state")]
    public async Task Malformed_requests_get_an_error_naming_the_problem(byte[] request, string expected)
    {
        await using var server = await Start();
        using var ws = await RawConnect(server);
        await ReceiveAsync(ws);
        await ws.SendAsync(request, WebSocketMessageType.Binary, true, CancellationToken.None);
        var reply = await ReceiveAsync(ws);
        Assert.That(reply.Type, Is.EqualTo(WebSocketMessageType.Text));
        Assert.That(Encoding.UTF8.GetString(reply.Bytes), Does.Contain(expected));
    }

    [Test]
    public async Task Wrong_dtype_in_a_request_names_the_field()
    {
        await using var server = await Start();
        using var ws = await RawConnect(server);
        await ReceiveAsync(ws);
        await SendAsync(ws, new Dictionary<string, object?>
        {
            [FeatureNames.State] = NdArray.FromDoubles([1.0, 2.0]),
            ["observation.images.front"] = NdArray.FromFloats([1.0, 2.0, 3.0], 1, 1, 3),
        });
        var reply = await ReceiveAsync(ws);
        Assert.That(Encoding.UTF8.GetString(reply.Bytes), Does.Contain("observation.images.front").And.Contain("|u1"));
    }

    [Test]
    public async Task Garbage_and_abrupt_clients_never_disturb_the_others()
    {
        var policies = new ConcurrentBag<EchoingTestPolicy>();
        await using var server = await Start(() => { var p = new EchoingTestPolicy(); policies.Add(p); return p; });
        using var good = OpenPiPolicy.FromSpec(Spec(server), Fast);
        good.Infer(TestObservations.Make(), "a");

        // Raw TCP garbage instead of an HTTP request.
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", server.Port);
            var junk = new byte[5000];
            new Random(3).NextBytes(junk);
            await tcp.GetStream().WriteAsync(junk);
        }
        // A WebSocket client that sends half a message and vanishes.
        var abrupt = await RawConnect(server);
        await ReceiveAsync(abrupt);
        await abrupt.SendAsync(new byte[100], WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None);
        abrupt.Abort();
        abrupt.Dispose();
        // A WebSocket client that sends garbage frames.
        using (var garbage = await RawConnect(server))
        {
            await ReceiveAsync(garbage);
            await garbage.SendAsync(new byte[] { 0xdd, 0xff, 0xff, 0xff, 0xff }, WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.That((await ReceiveAsync(garbage)).Type, Is.EqualTo(WebSocketMessageType.Text));
        }

        Assert.That(good.Infer(TestObservations.Make(), "a").Length, Is.EqualTo(4), "the established client is still served");
        using var late = OpenPiPolicy.FromSpec(Spec(server), Fast);
        Assert.That(late.Infer(TestObservations.Make(), "b").Length, Is.EqualTo(4), "new clients are still accepted");
        await WaitUntil(() => policies.Count(p => p.Disposed) >= 2);
        Assert.That(policies.Count(p => p.Disposed), Is.GreaterThanOrEqualTo(2), "policies of ended connections are disposed");
    }

    [Test]
    public async Task Many_clients_at_once_each_get_their_own_policy()
    {
        await using var server = await Start(() => new EchoingTestPolicy { });
        const int clients = 8, calls = 15;
        var failures = new ConcurrentBag<string>();
        var threads = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            try
            {
                using var remote = OpenPiPolicy.FromSpec(Spec(server), Fast);
                using var local = new EchoingTestPolicy();
                remote.Reset();
                local.Reset();
                for (int i = 0; i < calls; i++)
                {
                    var obs = TestObservations.Make(step: i, cameraHeight: 16, cameraWidth: 16, seed: c * 100 + i);
                    if (!remote.Infer(obs, $"client {c}").Actions.SequenceEqual(local.Infer(obs, $"client {c}").Actions, new RowComparer()))
                        failures.Add($"client {c} call {i} differs");
                }
            }
            catch (Exception ex) { failures.Add($"client {c}: {ex.Message}"); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(failures, Is.Empty);
        Assert.That(server.ConnectionsServed, Is.EqualTo(clients));
    }

    [Test]
    public async Task Server_shuts_down_while_a_client_is_connected()
    {
        var server = await Start();
        using var client = OpenPiPolicy.FromSpec(Spec(server), Fast with { ReconnectTimeout = TimeSpan.FromMilliseconds(300) });
        client.Infer(TestObservations.Make(), "a");
        var dispose = server.DisposeAsync().AsTask();
        Assert.That(await Task.WhenAny(dispose, Task.Delay(5000)), Is.SameAs(dispose), "shutdown does not hang on open connections");
        Assert.Throws(Is.InstanceOf<RemoteConnectionException>().Or.InstanceOf<RemotePolicyException>(),
            () => client.Infer(TestObservations.Make(), "a"));
    }

    private sealed class RowComparer : IEqualityComparer<double[]>
    {
        public bool Equals(double[]? a, double[]? b) => a!.SequenceEqual(b!);
        public int GetHashCode(double[] obj) => obj.Length;
    }

    private static RobotSpec Robot() => new("so101",
        Enumerable.Range(0, 6).Select(i => new JointSpec($"j{i}.pos", "deg", -180, 180)).ToList(), [], 30, 100,
        [new FeatureSpec(FeatureNames.State, FeatureDType.Float32, [6])]);

    private static async Task<ClientWebSocket> RawConnect(PolicyServer server)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(server.Endpoint, CancellationToken.None);
        return ws;
    }

    private static Task SendAsync(WebSocket ws, IReadOnlyDictionary<string, object?> doc) =>
        ws.SendAsync(MsgpackNumpy.Pack(doc), WebSocketMessageType.Binary, true, CancellationToken.None);

    private static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(WebSocket ws)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new Harness.Policies.Remote.Transport.MessageBuffer();
        var m = await buffer.ReceiveAsync(ws, timeout.Token);
        return (m.Type, buffer.Span(m.Length).ToArray());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
    }
}
