using Harness.Core.Statistics;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;
using Harness.Policies.Remote.Server;
using Harness.Policies.Remote.Transport;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// openpi client overhead on loopback: one <see cref="OpenPiPolicy.Infer"/> (two 224x224x3 uint8
/// images + state, lerobot layout) against a <see cref="PolicyServer"/> whose policy returns a
/// ready 50x6 chunk, versus a raw WebSocket echo of the same request bytes over the same
/// transport, measured in alternating rounds of the same run.
/// </summary>
public static class OpenPiBench
{
    public static void Run(int rounds = 10, int callsPerRound = 200)
    {
        var observation = Observation();
        var requestBytes = MsgpackNumpy.Pack(new LeRobotLayout().Encode(observation, "pick up the cube", false));

        using var echoServer = new EchoServer();
        using var echo = new EchoClient(echoServer.Port, requestBytes);
        var server = new PolicyServer(() => new FixedChunkPolicy(), new PolicyServerOptions { Port = 0 });
        server.Start();
        using var policy = OpenPiPolicy.FromSpec($"openpi:{server.Endpoint}");

        for (int i = 0; i < 300; i++) { policy.Infer(observation, "pick up the cube"); echo.Call(); } // warm-up (JIT, buffers)
        int warm = policy.Timings.Count;
        var policyMs = new List<double>();
        var echoMs = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < callsPerRound; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                policy.Infer(observation, "pick up the cube");
                policyMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            for (int i = 0; i < callsPerRound; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                echo.Call();
                echoMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
        var serverMs = policy.Timings.Skip(warm).Select(t => t.ServerInferMs ?? double.NaN).ToList();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();

        double P(List<double> v, double p) => Percentiles.Of(v, p);
        string Row(List<double> v) => $"p50 {P(v, 50):0.000} ms, p95 {P(v, 95):0.000} ms, mean {v.Average():0.000} ms";
        double overhead = P(policyMs, 50) - P(echoMs, 50);
        BenchReport.Table(
            $"openpi client on loopback: request {requestBytes.Length / 1024.0:0.0} KiB (2 x 224x224x3 uint8 + state), reply 50x6 <f8; {rounds} alternating rounds x {callsPerRound} calls",
            [
                ("baseline: raw WebSocket echo of the same request bytes", Row(echoMs)),
                ("OpenPiPolicy.Infer round trip (encode, send, server decode + policy, reply, decode)", Row(policyMs)),
                ("  of which server decode + policy (server_timing.infer_ms)", Row(serverMs)),
                ("overhead above echo, p50", $"{overhead:0.000} ms (goal <= 1 ms: {(overhead <= 1 ? "met" : "NOT met")})"),
                ("ratio Infer / echo, p50", $"{P(policyMs, 50) / P(echoMs, 50):0.00}x"),
            ]);
    }

    private static Observation Observation()
    {
        var rng = new Random(1);
        CameraImage Image()
        {
            var px = new byte[224 * 224 * 3];
            rng.NextBytes(px);
            return new CameraImage(224, 224, 3, px);
        }
        return new Observation(0, 0,
            new Dictionary<string, double[]> { [FeatureNames.State] = [1, 2, 3, 4, 5, 6] },
            new Dictionary<string, CameraImage> { [FeatureNames.Image("front")] = Image(), [FeatureNames.Image("wrist")] = Image() });
    }

    private sealed class FixedChunkPolicy : IPolicy
    {
        private readonly ActionChunk _chunk = new(Enumerable.Range(0, 50).Select(t => Enumerable.Range(0, 6).Select(j => t * 0.1 + j).ToArray()).ToList());
        public string Name => "fixed";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation observation, string task) => _chunk;
        public void Dispose() { }
    }

    private sealed class EchoServer : IDisposable
    {
        private readonly WebSocketListener _listener;

        public EchoServer()
        {
            _listener = new WebSocketListener(IPAddress.Loopback, 0, async (socket, _, stop) =>
            {
                var buffer = new MessageBuffer();
                var copy = new byte[0];
                while (true)
                {
                    var m = await buffer.ReceiveAsync(socket, stop);
                    if (m.Type == WebSocketMessageType.Close) return;
                    if (copy.Length < m.Length) copy = new byte[m.Length];
                    buffer.Span(m.Length).CopyTo(copy);
                    await socket.SendAsync(copy.AsMemory(0, m.Length), WebSocketMessageType.Binary, true, stop);
                }
            });
            _listener.Start();
        }

        public int Port => _listener.Port;
        public void Dispose() => _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class EchoClient : IDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly MessageBuffer _buffer = new();
        private readonly byte[] _request;

        public EchoClient(int port, byte[] request)
        {
            _request = request;
            _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"), CancellationToken.None).GetAwaiter().GetResult();
        }

        public void Call()
        {
            _socket.SendAsync(_request, WebSocketMessageType.Binary, true, CancellationToken.None).GetAwaiter().GetResult();
            var m = _buffer.ReceiveAsync(_socket, CancellationToken.None).GetAwaiter().GetResult();
            if (m.Length != _request.Length) throw new InvalidDataException($"echo returned {m.Length} bytes; sent {_request.Length}.");
        }

        public void Dispose() => _socket.Dispose();
    }
}
