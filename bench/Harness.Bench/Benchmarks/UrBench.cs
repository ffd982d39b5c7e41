using System.Diagnostics;
using Harness.Core.Statistics;
using Harness.Robots.UR;
using Harness.Robots.UR.Motion;
using Harness.Robots.UR.Rtde;
using Harness.Robots.Virtual.UR;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// UR client on loopback against the virtual controller (precise 2 ms clock):
/// (1) the 500 Hz output recipe: packages lost (timestamp gaps) and how late each package arrives
/// against the controller's own schedule, against a bare 500 Hz timer loop's lateness, in alternating rounds;
/// (2) servoj targets streamed at 30 Hz through UrArm: lateness of each send against its deadline,
/// against a bare 30 Hz timer loop doing nothing (alternating rounds), and again with a 100 ms CPU-bound "policy"
/// computing chunks on another thread (deadline misses counted).
/// </summary>
public static class UrBench
{
    public static void Run(double streamSeconds = 10, double servoSeconds = 10, int rounds = 5) =>
        Run(VirtualUrController.Start(new VirtualUrOptions { Ports = new UrPorts(0, 0, 0, 0, 0), PreciseClock = true }), "kinematic arm", streamSeconds, servoSeconds, rounds);

    /// <summary>The same against `sim-ur`'s controller: the MuJoCo UR5e + 2F-85 stepped inside every 2 ms cycle.</summary>
    public static void RunMujoco(string scene = "ur5e-pick-place", double streamSeconds = 10, double servoSeconds = 10, int rounds = 5)
    {
        using var dir = new TempFolder();
        using var rig = Harness.Twin.Rig.SimUrRig.Start(new Harness.Twin.Rig.SimUrRigOptions
        {
            Scene = Harness.Sim.Scenes.SceneCatalog.Get(scene),
            Ports = new UrPorts(0, 0, 0, 0, 0),
            PreciseClock = true,
            CameraPort = null,
            ChannelLink = Path.Combine(dir.Path, "rig"),
        });
        Run(rig.Controller, "MuJoCo UR5e + 2F-85 (sim-ur)", streamSeconds, servoSeconds, rounds, owned: false);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("harness-bench-ur").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static void Run(VirtualUrController controller, string plantName, double streamSeconds, double servoSeconds, int rounds, bool owned = true)
    {
        using var _ = owned ? controller : null;
        Console.WriteLine($"virtual controller with a {plantName}");
        Thread.Sleep(500);

        // (1) 500 Hz stream vs a bare 500 Hz loop, in alternating rounds to share the machine's noise.
        var bare500 = new List<double>();
        var rx = new List<double>();
        long lost = 0, received = 0;
        using (var rtde = RtdeClient.Connect("127.0.0.1", controller.Ports.Rtde))
        {
            rtde.SetupOutputs(["timestamp", "actual_q", "actual_TCP_pose", "robot_mode", "safety_mode", "runtime_state", "output_int_register_0"], 500);
            for (int round = 0; round < rounds; round++)
            {
                bare500.AddRange(Lateness(0.002, streamSeconds / rounds, _ => { }));
                rtde.Start();
                var stamps = new List<double>();
                var arrivals = new List<long>();
                var sw = Stopwatch.StartNew();
                while (sw.Elapsed.TotalSeconds < streamSeconds / rounds)
                {
                    var p = rtde.Next(TimeSpan.FromSeconds(1));
                    stamps.Add(p.Double("timestamp"));
                    arrivals.Add(p.ReceivedAt);
                }
                rtde.Pause();
                while (rtde.TryLatest() is not null) Thread.Sleep(5);
                received += stamps.Count;
                for (int i = 1; i < stamps.Count; i++) lost += (long)Math.Round((stamps[i] - stamps[i - 1]) / 0.002) - 1;
                // Arrival against the controller's own schedule (its timestamps), the earliest arrival taken as on time.
                var offset = stamps.Select((t, i) => (arrivals[i] - arrivals[0]) * 1000.0 / Stopwatch.Frequency - (t - stamps[0]) * 1000).ToList();
                double best = offset.Min();
                rx.AddRange(offset.Select(o => o - best));
            }
        }

        BenchReport.Table($"RTDE 500 Hz output recipe ({received} packages, 7 fields, {rounds} rounds) vs a bare 500 Hz timer loop: lateness against schedule",
        [
            ("baseline: bare 500 Hz loop, lateness p50 / p99 / max", Row(bare500)),
            ("RTDE package arrival, lateness against the controller's timestamps p50 / p99 / max", Row(rx)),
            ("  p99 above baseline", $"{P(rx, 99) - P(bare500, 99):0.000} ms"),
            ("packages lost (timestamp gaps)", $"{lost}"),
            ("controller cycles skipped catching up", $"{controller.SkippedCycles}"),
        ]);

        // (2) servoj at 30 Hz vs a bare 30 Hz loop, then with a 100 ms policy on another thread.
        const double period = 1.0 / 30;
        using var arm = UrArm.Connect(new UrArmOptions("127.0.0.1", controller.Ports));
        arm.StartProgram();
        var q0 = arm.CurrentState().ActualQ;
        double[] Target(int k) => q0.Select((v, j) => j == 0 ? v + 0.2 * Math.Sin(k * period) : v).ToArray();
        var bare30 = new List<double>();
        var servo = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            bare30.AddRange(Lateness(period, servoSeconds / rounds, _ => { }));
            servo.AddRange(Lateness(period, servoSeconds / rounds, k => arm.ServoJ(Target(k), period)));
            arm.Idle();
        }

        var chunks = new System.Collections.Concurrent.BlockingCollection<double[][]>(boundedCapacity: 2);
        using var stop = new CancellationTokenSource();
        int inferences = 0;
        var policy = new Thread(() =>
        {
            int k = 0;
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.StartNew();
                double x = 0;
                while (t.Elapsed.TotalMilliseconds < 100) x += Math.Sqrt(x + 1); // 100 ms of CPU per chunk
                var chunk = Enumerable.Range(0, 10).Select(i => Target(k + i)).ToArray();
                k += 10;
                Interlocked.Increment(ref inferences);
                try { chunks.Add(chunk, stop.Token); } catch (OperationCanceledException) { return; }
            }
        }) { IsBackground = true };
        policy.Start();
        double[][] current = chunks.Take();
        int index = 0;
        var withPolicy = Lateness(period, servoSeconds, _ =>
        {
            if (index == current.Length && chunks.TryTake(out var next)) { current = next; index = 0; }
            arm.ServoJ(current[Math.Min(index, current.Length - 1)], period);
            index = Math.Min(index + 1, current.Length);
        });
        stop.Cancel();
        policy.Join();
        arm.StopProgram(TimeSpan.FromSeconds(2));

        int Misses(List<double> late) => late.Count(l => l > period * 1000);
        BenchReport.Table($"servoj streaming at 30 Hz for {servoSeconds:0} s: send lateness against each deadline",
        [
            ("baseline: bare 30 Hz loop, lateness p50 / p99 / max", Row(bare30)),
            ("UrArm.ServoJ at 30 Hz, lateness p50 / p99 / max", Row(servo)),
            ("  p99 above baseline", $"{P(servo, 99) - P(bare30, 99):0.000} ms (goal <= 1 ms: {(P(servo, 99) - P(bare30, 99) <= 1 ? "met" : "NOT met")})"),
            ($"with a 100 ms CPU-bound policy on another thread ({inferences} chunks of 10)", Row(withPolicy)),
            ("  deadline misses (later than one period)", $"{Misses(withPolicy)} of {withPolicy.Count}"),
            ("controller log servoj calls", $"{controller.Log.Entries.Count(e => e.Command.StartsWith("servoj"))}"),
        ]);
    }

    private static double P(List<double> v, double p) => Percentiles.Of(v, p);

    private static string Row(List<double> v) => $"{P(v, 50):0.000} / {P(v, 99):0.000} / {v.Max():0.000} ms";

    /// <summary>Sleeps to 1.2 ms before each deadline, then spins: the same waiting as the controller's clock.</summary>
    private static void WaitUntil(long deadline)
    {
        while (true)
        {
            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0) return;
            if (left * 1000.0 / Stopwatch.Frequency > 1.2) Thread.Sleep(1);
            else Thread.SpinWait(20);
        }
    }

    /// <summary>Runs <paramref name="work"/> once per period; returns how late each run started (ms).</summary>
    private static List<double> Lateness(double period, double seconds, Action<int> work)
    {
        long step = (long)(period * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        var late = new List<double>();
        for (int k = 0; k * period < seconds; k++)
        {
            long deadline = start + (k + 1) * step;
            WaitUntil(deadline);
            late.Add((Stopwatch.GetTimestamp() - deadline) * 1000.0 / Stopwatch.Frequency);
            work(k);
        }
        return late;
    }
}
