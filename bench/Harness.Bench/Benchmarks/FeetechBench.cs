using System.Diagnostics;
using Harness.Core.Statistics;
using Harness.Robots.Feetech;
using Harness.Robots.Native;
using Harness.Robots.Serial;
using Harness.Robots.Virtual.Feetech;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// One control-loop bus exchange of an SO-101 (SYNC_READ Present_Position of six servos, then
/// SYNC_WRITE Goal_Position to six) through <see cref="FeetechBus"/> on the virtual bus, against a
/// baseline that moves the same bytes through the same kind of pty and the same System.IO.Ports
/// client: a bare server answers the 14-byte request with the 48 bytes the servos would send and
/// swallows the 32-byte SYNC_WRITE. Alternating rounds in one run.
/// </summary>
public static class FeetechBench
{
    private static readonly byte[] Ids = [1, 2, 3, 4, 5, 6];

    public static void Run(int rounds = 10, int callsPerRound = 200)
    {
        string dir = Path.Combine(Path.GetTempPath(), "harness-bench-feetech-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            using var bus = VirtualFeetechBus.Start(new VirtualFeetechBusOptions
            {
                LinkPath = Path.Combine(dir, "bus"),
                Ids = Ids,
                Plant = new FirstOrderServoPlant(Ids.Select(_ => new ServoTravel(0, 4095)).ToArray(), [1000, 1100, 1200, 1300, 1400, 1500]),
            });
            using var client = new FeetechBus(SerialPortLink.Open(bus.LinkPath));
            var goals = Ids.Select((id, i) => (id, 1000 + 100 * i)).ToArray();

            var request = InstructionPacket.SyncRead(Sts3215.PresentPosition.Address, 2, Ids).Encode();
            var write = InstructionPacket.SyncWrite(Sts3215.GoalPosition.Address, 2,
                goals.Select(g => (g.id, Sts3215.GoalPosition.ToBytes(g.Item2))).ToList()).Encode();
            var reply = Ids.SelectMany((id, i) => new StatusPacket(id, ServoFaults.None, Sts3215.PresentPosition.ToBytes(1000 + 100 * i)).Encode()).ToArray();
            using var echo = new CannedReplyServer(Path.Combine(dir, "echo"), request.Length, write.Length, reply);
            using var raw = SerialPortLink.Open(echo.LinkPath);

            void Bus()
            {
                client.SyncRead(Sts3215.PresentPosition, Ids);
                client.SyncWrite(Sts3215.GoalPosition, goals);
            }
            var buffer = new byte[256];
            void Baseline()
            {
                raw.Write(request);
                int got = 0;
                while (got < reply.Length)
                {
                    int n = raw.Read(buffer, TimeSpan.FromSeconds(1));
                    if (n == 0) throw new TimeoutException("the baseline server did not answer.");
                    got += n;
                }
                raw.Write(write);
            }

            for (int i = 0; i < 300; i++) { Bus(); Baseline(); } // warm-up (JIT, the runtime's serial I/O loop)
            var busMs = new List<double>();
            var baseMs = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                Measure(Bus, callsPerRound, busMs);
                Measure(Baseline, callsPerRound, baseMs);
            }
            var counters = client.Counters;

            double P(List<double> v, double p) => Percentiles.Of(v, p);
            string Row(List<double> v) => $"p50 {P(v, 50):0.000} ms, p95 {P(v, 95):0.000} ms, p99 {P(v, 99):0.000} ms";
            BenchReport.Table(
                $"Feetech bus round trip on a pty: SYNC_READ 6 x Present_Position (14 B out, 48 B back) + SYNC_WRITE 6 x Goal_Position (32 B); {rounds} alternating rounds x {callsPerRound}",
                [
                    ("baseline: same bytes through a pty and System.IO.Ports, canned reply", Row(baseMs)),
                    ("FeetechBus.SyncRead + SyncWrite on the virtual bus (6 emulated STS3215)", Row(busMs)),
                    ("overhead above baseline, p50", $"{P(busMs, 50) - P(baseMs, 50):0.000} ms"),
                    ("ratio bus / baseline, p50", $"{P(busMs, 50) / P(baseMs, 50):0.00}x"),
                    ("retries during the run", $"{counters.Retries} (timeouts {counters.Timeouts}, checksum errors {counters.ChecksumErrors})"),
                    ("share of a 30 Hz control period (33.3 ms), p99", $"{P(busMs, 99) / (1000.0 / 30) * 100:0.0} %"),
                ]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Measure(Action call, int n, List<double> into)
    {
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            into.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    }

    /// <summary>A pty that answers each request of a known size with fixed bytes and swallows writes.</summary>
    private sealed class CannedReplyServer : IDisposable
    {
        private readonly PtyLink _pty;
        private readonly Thread _thread;
        private volatile bool _stop;

        public CannedReplyServer(string link, int requestLength, int writeLength, byte[] reply)
        {
            _pty = PtyLink.Open(link);
            _thread = new Thread(() =>
            {
                var buffer = new byte[256];
                int pending = 0;
                bool expectRequest = true;
                while (!_stop)
                {
                    int n = _pty.Terminal.Read(buffer, TimeSpan.FromMilliseconds(50));
                    pending += n;
                    while (true)
                    {
                        int need = expectRequest ? requestLength : writeLength;
                        if (pending < need) break;
                        pending -= need;
                        if (expectRequest) _pty.Terminal.Write(reply);
                        expectRequest = !expectRequest;
                    }
                }
            }) { IsBackground = true, Name = "bench-canned-reply" };
            _thread.Start();
        }

        public string LinkPath => _pty.LinkPath;

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _pty.Dispose();
        }
    }
}
