using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Robots.Operators;
using Harness.Robots.RealTime;
using Harness.Robots.So101;
using Harness.Robots.Virtual.So101;
using Harness.Sim.Scenes;
using Harness.Twin.Hardware;

namespace Harness.Bench.Benchmarks;

/// <summary>
/// The real-time loop on a virtual SO-101 at 30 Hz with a policy that takes 100 ms per chunk,
/// inference running asynchronously: control-period jitter and deadline misses per episode,
/// against a bare timer loop (the same pacer with no work) measured in alternating rounds.
/// </summary>
public static class So101LoopBench
{
    private const double Hz = 30;

    public static void Run(int rounds = 3, int steps = 150)
    {
        string dir = Path.Combine(Path.GetTempPath(), "harness-bench-so101-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            using var rig = VirtualSo101.Start(new VirtualSo101Options { LinkPath = Path.Combine(dir, "so101"), HandTicksPerSecond = 20000 });
            using var op = OperatorChannelClient.Connect(rig.LinkPath);
            var joints = So101Motors.Follower().Select(m => m.Name == So101Motors.Gripper
                ? new JointSpec(m.FeatureKey, Units.Percent, 0, 100, JointKind.Gripper, new GripperSense(100, 0))
                : new JointSpec(m.FeatureKey, Units.Degrees, -95, 95)).ToArray();
            var twin = new RobotSpec("so101_follower", joints, [], Hz, steps, RobotSpec.JointFeatures(joints));
            var schema = new TaskSchema("bench", "loop timing only", [OutcomeClass.Success("the episode ran")], []);
            using var env = So101Follower.Connect(new So101FollowerOptions
            {
                Port = rig.LinkPath,
                Calibration = new ArmCalibration(
                [
                    new("shoulder_pan", 1, 0, 3, 747, 3347), new("shoulder_lift", 2, 0, -47, 867, 3227),
                    new("elbow_flex", 3, 0, -57, 937, 3157), new("wrist_flex", 4, 0, 3, 847, 3247),
                    new("wrist_roll", 5, 0, 0, 0, 4095), new("gripper", 6, 0, 653, 1327, 2767),
                ]),
                TwinSpec = twin,
                Schema = schema,
                TaskText = "",
                StartPose = [0, 0, 0, 0, 0, 50],
                RestPose = [0, 0, 0, 0, 0, 50],
                Operator = op,
                Labeler = new ConsoleOutcomeLabeler(new StringReader(string.Concat(Enumerable.Repeat("s\n", rounds))), TextWriter.Null),
                Safety = new So101Safety { SlowMoveDegreesPerSecond = 200, SlowMoveGripperPerSecond = 200 },
            });
            var timing = new LoopTimingObserver(env.Pacer);
            using var policy = new AsyncChunkPolicy(new SlowSwayPolicy(TimeSpan.FromMilliseconds(100)), new AsyncInference(0.5));
            // What a real run adds to the loop: inference counters and the simulated twin (predictions, whiskers).
            using var simTwin = new MujocoTwin(SceneCatalog.Get("so101-pick-place"));
            using var twinObserver = new TwinObserver(simTwin, policy.Name);
            var runner = new EpisodeRunner(env, policy, observers: [timing, new AsyncInferenceObserver(policy), twinObserver]);

            var loop = new List<LoopTiming>();
            var bare = new List<LoopTiming>();
            int starved = 0, dropped = 0, merged = 0;
            for (int r = 0; r < rounds; r++)
            {
                bare.Add(BareTimer(steps));
                var record = runner.Run(r, seed: r, maxSteps: steps);
                if (record.Error is { } e) throw new InvalidOperationException($"episode {r} failed: {e}");
                loop.Add(LastTiming(timing));
                starved += policy.StarvedSteps;
                dropped += policy.ActionsDropped;
                merged += policy.ChunksMerged;
            }

            string Row(List<LoopTiming> t) =>
                $"jitter p50 {t.Average(x => x.JitterP50Ms):0.000} ms, p99 {t.Average(x => x.JitterP99Ms):0.000} ms (worst episode {t.Max(x => x.JitterP99Ms):0.000}), deadline misses {t.Sum(x => x.DeadlineMisses)}";
            double gap = loop.Average(x => x.JitterP99Ms) - bare.Average(x => x.JitterP99Ms);
            BenchReport.Table(
                $"SO-101 real-time loop on the virtual bus: {Hz} Hz, {rounds} episodes x {steps} steps, policy 100 ms per 30-action chunk, asynchronous inference (request at half a chunk)",
                [
                    ("baseline: bare timer loop (same pacer, no work)", Row(bare)),
                    ("So101Follower + EpisodeRunner + AsyncChunkPolicy + simulated twin", Row(loop)),
                    ("p99 jitter above the bare loop", $"{gap:0.000} ms (goal <= 1 ms: {(gap <= 1 ? "met" : "NOT met")})"),
                    ("chunks merged / actions dropped as late / starved steps", $"{merged} / {dropped} / {starved}"),
                ]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static LoopTiming BareTimer(int ticks)
    {
        var pacer = new ControlPacer(Hz);
        pacer.Start();
        for (int i = 0; i < ticks; i++) pacer.WaitForTick();
        return pacer.TakeTiming();
    }

    private static LoopTiming LastTiming(LoopTimingObserver observer)
    {
        var m = observer.TakeMetrics();
        return new LoopTiming(0, m[LoopTimingObserver.JitterP50] ?? double.NaN, m[LoopTimingObserver.JitterP99] ?? double.NaN, double.NaN,
            (int)(m[LoopTimingObserver.DeadlineMisses] ?? 0));
    }

    /// <summary>Sways shoulder_pan by up to 10 degrees around where the arm is, after 100 ms of "inference".</summary>
    private sealed class SlowSwayPolicy(TimeSpan latency) : IPolicy
    {
        public string Name => "bench:slow-sway";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation o, string task)
        {
            Thread.Sleep(latency);
            return new ActionChunk(Enumerable.Range(0, 30).Select(k =>
                o.State.Select((v, i) => i == 0 ? 10 * Math.Sin((o.Step + k) / 20.0) : v).ToArray()).ToArray());
        }
        public void Dispose() { }
    }
}
