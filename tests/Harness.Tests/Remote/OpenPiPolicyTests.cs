using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Harness.Core.Robots;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Msgpack;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>The client against a scripted wire-level server on loopback.</summary>
public class OpenPiPolicyTests
{
    private static readonly OpenPiOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        CallTimeout = TimeSpan.FromSeconds(5),
        ReconnectTimeout = TimeSpan.FromSeconds(2),
    };

    private static readonly double[,] TwoByTwo = { { 1, 2 }, { 3, 4 } };

    [Test]
    public void Spec_parsing_defaults_ws_to_port_8000_and_rejects_other_schemes()
    {
        Assert.That(OpenPiPolicy.ParseSpec("openpi:ws://gpu-box").Port, Is.EqualTo(8000));
        Assert.That(OpenPiPolicy.ParseSpec("openpi:ws://gpu-box:80").Port, Is.EqualTo(80));
        Assert.That(OpenPiPolicy.ParseSpec("openpi:ws://10.0.0.2:9000").Port, Is.EqualTo(9000));
        Assert.That(OpenPiPolicy.ParseSpec("openpi:wss://policy.example.com").Port, Is.EqualTo(443));
        Assert.That(OpenPiPolicy.ParseSpec("ws://[::1]").Port, Is.EqualTo(8000));
        using (var p = OpenPiPolicy.FromSpec("openpi:ws://gpu-box"))
            Assert.That(p.Name, Is.EqualTo("openpi:ws://gpu-box:8000"));
        var ex = Assert.Throws<ArgumentException>(() => OpenPiPolicy.ParseSpec("openpi:http://x:8000"));
        Assert.That(ex!.Message, Does.Contain("openpi:ws://host:port"));
    }

    [Test]
    public void No_server_gives_a_message_naming_the_url_and_the_serve_command()
    {
        int port = FreePort();
        using var policy = OpenPiPolicy.FromSpec($"openpi:ws://127.0.0.1:{port}", Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(400) });
        var ex = Assert.Throws<RemoteConnectionException>(() => policy.Infer(TestObservations.Make(), "x"));
        Assert.That(ex!.Message, Does.Contain($"http://127.0.0.1:{port}/healthz").And.Contain("./harness serve").And.Contain("refused"));
    }

    [Test]
    public async Task First_connection_waits_for_a_server_that_starts_late()
    {
        int port = FreePort();
        var late = Task.Run(async () =>
        {
            await Task.Delay(600);
            return new ScriptedServer((_, _, _) => new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo)), port: port);
        });
        try
        {
            using var policy = OpenPiPolicy.FromSpec($"openpi:ws://127.0.0.1:{port}", Fast with { ConnectTimeout = TimeSpan.FromSeconds(5) });
            Assert.That(policy.Infer(TestObservations.Make(), "x").Length, Is.EqualTo(2));
        }
        finally { await (await late).DisposeAsync(); }
    }

    [Test]
    public async Task A_server_that_never_answers_fails_the_call_after_the_call_timeout()
    {
        await using var server = new ScriptedServer((c, _, _) => c == 1
            ? new ScriptedServer.Silence()
            : new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo)));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast with { CallTimeout = TimeSpan.FromMilliseconds(300) });
        var ex = Assert.Throws<RemoteConnectionException>(() => policy.Infer(TestObservations.Make(), "x"));
        Assert.That(ex!.Message, Does.Contain("did not answer within 0.3 s"));
        Assert.That(policy.Infer(TestObservations.Make(), "x").Length, Is.EqualTo(2), "the next call reconnects");
    }

    [Test]
    public async Task Metadata_actions_timings_and_api_key()
    {
        var metadata = MsgpackNumpy.Pack(new Dictionary<string, object?> { ["reset_pose"] = new object?[] { 0L, -1.5, 1.5, 0L, 0L, 0L } });
        await using var server = new ScriptedServer((_, _, _) => new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo)), metadata);
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast with { ApiKey = "s3cret" });
        var chunk = policy.Infer(TestObservations.Make(), "x");
        policy.Infer(TestObservations.Make(), "x");
        Assert.That(chunk.Actions, Is.EqualTo(new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 } }));
        Assert.That(policy.Metadata!.TryGet("reset_pose", out var pose) && ((object?[])pose!).Length == 6, Is.True);
        Assert.That(policy.Timings, Has.Count.EqualTo(2));
        Assert.That(policy.Timings[0].ServerInferMs, Is.EqualTo(1.25));
        Assert.That(policy.Timings[0].RoundTripMs, Is.GreaterThan(0));
        Assert.That(policy.Timings[0].PolicyInferMs, Is.Null);
        Assert.That(server.Heads.Single().Header("Authorization"), Is.EqualTo("Api-Key s3cret"));
    }

    [Test]
    public async Task Text_frame_and_close_1011_surface_the_server_text()
    {
        const string traceback = "Traceback (most recent call last):\n  File \"serve.py\", line 3\nKeyError: 'observation/state'\n";
        await using var server = new ScriptedServer((_, _, _) => new ScriptedServer.Text(traceback));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        var ex = Assert.Throws<RemotePolicyException>(() => policy.Infer(TestObservations.Make(), "x"));
        Assert.That(ex!.Message, Does.Contain("KeyError: 'observation/state'"));
        Assert.That(ex.ServerText, Is.EqualTo(traceback));
    }

    [Test]
    public async Task Close_1011_without_text_is_a_server_error_and_a_normal_close_is_a_connection_error()
    {
        await using var server = new ScriptedServer((c, _, _) => c == 1
            ? new ScriptedServer.Close(WebSocketCloseStatus.InternalServerError, "model crashed")
            : new ScriptedServer.Close(WebSocketCloseStatus.NormalClosure, "bye"));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        Assert.That(Assert.Throws<RemotePolicyException>(() => policy.Infer(TestObservations.Make(), "x"))!.Message, Does.Contain("model crashed"));
        Assert.That(Assert.Throws<RemoteConnectionException>(() => policy.Infer(TestObservations.Make(), "x"))!.Message, Does.Contain("closed the connection"));
    }

    [Test]
    public async Task Dropped_connection_fails_that_call_and_the_next_call_reconnects()
    {
        await using var server = new ScriptedServer((c, r, _) => c == 1 && r == 2
            ? new ScriptedServer.Drop()
            : new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo)));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        policy.Infer(TestObservations.Make(), "x");
        var ex = Assert.Throws<RemoteConnectionException>(() => policy.Infer(TestObservations.Make(), "x"));
        Assert.That(ex!.Message, Does.Contain("dropped").And.Contain("next"));
        Assert.That(policy.Infer(TestObservations.Make(), "x").Actions[1], Is.EqualTo(new[] { 3.0, 4 }));
        Assert.That(server.Connections, Is.EqualTo(2));
        Assert.That(policy.Timings, Has.Count.EqualTo(2), "the failed call records no timing");
    }

    [Test]
    public async Task Connection_closed_while_idle_is_replaced_without_failing_a_call()
    {
        await using var server = new ScriptedServer((c, _, _) => new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo), ThenClose: c == 1));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        policy.Infer(TestObservations.Make(), "x");
        Thread.Sleep(300); // the server's close arrives while no request is in flight
        Assert.That(policy.Infer(TestObservations.Make(), "x").Length, Is.EqualTo(2));
        Assert.That(server.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task Keep_alive_pings_are_answered_between_calls()
    {
        // The server aborts a connection whose ping is not answered within 150 ms; the client idles 1 s.
        await using var server = new ScriptedServer((_, _, _) => new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo)),
            pingEvery: TimeSpan.FromMilliseconds(150));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        policy.Infer(TestObservations.Make(), "x");
        Thread.Sleep(1000);
        policy.Infer(TestObservations.Make(), "x");
        Assert.That(server.Connections, Is.EqualTo(1), "the first connection stayed alive through the idle second");
    }

    private static byte[] Response(object? actions, Dictionary<string, object?>? extra = null)
    {
        var doc = new Dictionary<string, object?> { ["actions"] = actions };
        foreach (var (k, v) in extra ?? []) doc[k] = v;
        return MsgpackNumpy.Pack(doc);
    }

    private static readonly object[][] BadResponses =
    [
        [new byte[] { 0xc1 }, "malformed response"],
        [MsgpackNumpy.Pack(new Dictionary<string, object?> { ["action"] = NdArray.FromDoubles([1.0], 1, 1) }), "no 'actions'; it has keys action"],
        [MsgpackNumpy.Pack(new object?[] { 1L }), "must be a msgpack map"],
        [Response(NdArray.FromDoubles([1.0, 2.0], 2)), "'actions' must have shape [H, D]"],
        [Response(NdArray.FromDoubles([], 0, 6)), "'actions' must have shape [H, D]"],
        [Response(new NdArray(NumpyDType.Bool, [1, 2], [1, 0])), "'actions' must be numeric"],
        [Response(new object?[] { 1.0, 2.0 }), "'actions' must be a numpy array"],
        [Response(NdArray.FromDoubles([1.0], 1, 1), new() { ["server_timing"] = 5L }), "'server_timing' must be a map"],
        [Response(NdArray.FromDoubles([1.0], 1, 1), new() { ["policy_timing"] = new Dictionary<string, object?> { ["infer_ms"] = "fast" } }), "'infer_ms' must be a number"],
    ];

    [TestCaseSource(nameof(BadResponses))]
    public async Task Malformed_responses_name_the_field(byte[] bytes, string expected)
    {
        await using var server = new ScriptedServer((_, _, _) => new ScriptedServer.Binary(bytes));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        var ex = Assert.Throws<OpenPiProtocolException>(() => policy.Infer(TestObservations.Make(), "x"));
        Assert.That(ex!.Message, Does.Contain(expected).And.Contain($"127.0.0.1:{server.Port}"));
    }

    [Test]
    public async Task Float32_actions_from_a_python_server_are_accepted()
    {
        var bytes = MsgpackNumpy.Pack(new Dictionary<string, object?>
        {
            ["actions"] = NdArray.FromFloats([0.5, 1.5, 2.5], 3, 1),
            ["policy_timing"] = new Dictionary<string, object?> { ["infer_ms"] = new NumpyScalar(NumpyDType.Float32, 40.0) },
        });
        await using var server = new ScriptedServer((_, _, _) => new ScriptedServer.Binary(bytes));
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        Assert.That(policy.Infer(TestObservations.Make(), "x").Actions.Select(a => a[0]), Is.EqualTo(new[] { 0.5, 1.5, 2.5 }));
        Assert.That(policy.Timings[0].PolicyInferMs, Is.EqualTo(40.0));
    }

    [Test]
    public async Task Lerobot_request_carries_every_vector_losslessly_and_the_episode_start_once_per_reset()
    {
        var seen = new List<MsgpackMap>();
        await using var server = new ScriptedServer((_, _, bytes) =>
        {
            lock (seen) seen.Add((MsgpackMap)MsgpackNumpy.Unpack(bytes)!);
            return new ScriptedServer.Binary(ScriptedServer.Actions(TwoByTwo));
        });
        using var policy = OpenPiPolicy.FromSpec(server.Spec, Fast);
        var obs = TestObservations.Make(cameraHeight: 10, cameraWidth: 20);
        policy.Reset();
        policy.Infer(obs, "pick");
        policy.Infer(obs, "pick");
        policy.Reset();
        policy.Infer(obs, "pick");
        Assert.That(seen.Select(m => m.ContainsKey("harness/episode_start")), Is.EqualTo(new[] { true, false, true }));
        seen[0].TryGet(FeatureNames.EnvironmentState, out var env);
        Assert.That(((NdArray)env!).ToDoubles(), Is.EqualTo(obs.Vector(FeatureNames.EnvironmentState)));
        seen[0].TryGet("observation.images.front", out var img);
        Assert.That(((NdArray)img!).Shape, Is.EqualTo(new[] { 10, 20, 3 }));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
